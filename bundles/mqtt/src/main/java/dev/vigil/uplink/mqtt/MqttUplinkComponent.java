package dev.vigil.uplink.mqtt;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Registers the MQTT uplink factory in OSGi; all behaviour is in {@link MqttUplinkFactory}. */
@Component(service = UplinkFactory.class, property = "vigil.uplink.type=" + MqttUplinkFactory.TYPE)
public final class MqttUplinkComponent implements UplinkFactory {

    private final MqttUplinkFactory factory = new MqttUplinkFactory();

    @Override
    public String type() {
        return factory.type();
    }

    @Override
    public List<ConfigProblem> validate(UplinkConfig config) {
        return factory.validate(config);
    }

    @Override
    public Uplink create(UplinkConfig config, String gatewayId) {
        return factory.create(config, gatewayId);
    }
}
