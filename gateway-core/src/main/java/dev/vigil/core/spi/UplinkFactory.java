package dev.vigil.core.spi;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.UplinkConfig;
import java.util.List;

/** Makes uplinks of one type ("mqtt", "coap"), found by {@link #type()} like {@link DriverFactory}. */
public interface UplinkFactory {

    String type();

    List<ConfigProblem> validate(UplinkConfig config);

    /**
     * @param gatewayId the gateway's id, for topics, client ids and the last will
     */
    Uplink create(UplinkConfig config, String gatewayId);
}
