package dev.vigil.runtime;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.OutboxConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SiteFileParser;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.config.SiteValidator;
import dev.vigil.core.engine.Gateway;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@link Engine} on gateway-core's parser, validator, MapDB outbox and Gateway. */
final class CoreEngine implements Engine {

    private final Clock clock;

    CoreEngine(Clock clock) {
        this.clock = clock;
    }

    @Override
    public SiteRead read(Path siteFile) {
        SiteFileResult result = SiteFileParser.parse(siteFile);
        return result.config() != null ? SiteRead.ok(result.config()) : SiteRead.refused(result.problems());
    }

    @Override
    public List<ConfigProblem> validate(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        return SiteValidator.validate(config, drivers, uplinks);
    }

    @Override
    public Outbox openOutbox(OutboxConfig config) {
        return MapDbOutbox.open(config, clock);
    }

    @Override
    public AutoCloseable start(SiteConfig config, Outbox outbox, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        Gateway gateway = new Gateway(config, outbox, drivers, uplinks, clock);
        try {
            gateway.start();
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }
}
