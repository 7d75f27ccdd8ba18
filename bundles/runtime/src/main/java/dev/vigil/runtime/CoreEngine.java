package dev.vigil.runtime;

import dev.vigil.core.config.ConfigProblem;
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
    public SiteRead read(Path siteFile, Map<String, DriverFactory> drivers, Map<String, UplinkFactory> uplinks) {
        SiteFileResult result = SiteFileParser.parse(siteFile);
        if (result.isValid()) {
            return SiteRead.ok(result.config().orElseThrow());
        }
        return SiteRead.refused(SiteValidator.check(siteFile, drivers, uplinks).problems());
    }

    @Override
    public List<ConfigProblem> validate(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        return SiteValidator.validate(config, drivers, uplinks);
    }

    @Override
    public AutoCloseable start(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        Outbox outbox = MapDbOutbox.open(config.outbox(), clock);
        Gateway gateway;
        try {
            gateway = new Gateway(config, outbox, drivers, uplinks, clock);
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
        try {
            gateway.start();
        } catch (RuntimeException e) {
            gateway.close(); // closes the outbox too
            throw e;
        }
        return gateway;
    }
}
