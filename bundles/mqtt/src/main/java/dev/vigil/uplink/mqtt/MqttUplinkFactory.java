package dev.vigil.uplink.mqtt;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Makes {@code type: mqtt} uplinks; the options are documented in docs/mqtt-uplink.md and {@link MqttUplinkOptions}. */
public class MqttUplinkFactory implements UplinkFactory {

    public static final String TYPE = MqttUplink.TYPE;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigProblem> validate(UplinkConfig config) {
        // the gateway id only fills the default client id, which cannot be wrong
        return MqttUplinkOptions.validate(config, "gateway");
    }

    @Override
    public Uplink create(UplinkConfig config, String gatewayId) {
        List<ConfigProblem> problems = new ArrayList<>();
        MqttUplinkOptions options = MqttUplinkOptions.parse(config, gatewayId, problems);
        if (options == null) {
            throw new IllegalArgumentException("mqtt uplink " + config.id() + " was not validated: " + problems);
        }
        return new MqttUplink(config.id(), options, gatewayId, Clock.systemUTC());
    }
}
