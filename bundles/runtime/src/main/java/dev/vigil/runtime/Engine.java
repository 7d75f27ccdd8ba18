package dev.vigil.runtime;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The gateway-core calls the supervisor makes. {@link CoreEngine} is the real one; tests hand in
 * a fake so the supervisor's decisions are tested without files, disks or threads of the engine.
 */
interface Engine {

    /**
     * Parses the site file. When it does not parse, the problems include those the factories
     * installed now find in the parts that did, so the installer sees every problem at once.
     */
    SiteRead read(Path siteFile, Map<String, DriverFactory> drivers, Map<String, UplinkFactory> uplinks);

    /** Every problem with the parsed config, with each bus and uplink checked by its factory. */
    List<ConfigProblem> validate(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks);

    /**
     * Opens the outbox the config names, then builds and starts a gateway on it. Closing the
     * result stops the gateway and closes its outbox, so the next gateway can open it again.
     */
    AutoCloseable start(SiteConfig config, Map<String, DriverFactory> drivers, Map<String, UplinkFactory> uplinks);
}
