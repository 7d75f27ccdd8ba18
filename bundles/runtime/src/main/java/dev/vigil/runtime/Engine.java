package dev.vigil.runtime;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.OutboxConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.outbox.Outbox;
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

    /** Parses the site file (syntax, types, references), not yet the driver/uplink options. */
    SiteRead read(Path siteFile);

    /** Every problem with the parsed config, with each bus and uplink checked by its factory. */
    List<ConfigProblem> validate(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks);

    Outbox openOutbox(OutboxConfig config);

    /** Builds and starts a gateway; closing the result stops it (the outbox stays open). */
    AutoCloseable start(SiteConfig config, Outbox outbox, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks);
}
