package dev.vigil.core.config;

import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the last good site config. A new file replaces it only when it has no problem at all;
 * otherwise the gateway keeps running on the config it has.
 */
public final class SiteConfigHolder {

    private static final Logger LOG = LoggerFactory.getLogger(SiteConfigHolder.class);

    private final Supplier<Map<String, DriverFactory>> drivers;
    private final Supplier<Map<String, UplinkFactory>> uplinks;
    private volatile SiteConfig current;

    /**
     * @param drivers the driver factories installed now (asked on every offer, since bundles come and go)
     * @param uplinks the uplink factories installed now
     */
    public SiteConfigHolder(Supplier<Map<String, DriverFactory>> drivers, Supplier<Map<String, UplinkFactory>> uplinks) {
        this.drivers = Objects.requireNonNull(drivers, "drivers");
        this.uplinks = Objects.requireNonNull(uplinks, "uplinks");
    }

    public SiteConfigHolder(Map<String, DriverFactory> drivers, Map<String, UplinkFactory> uplinks) {
        this(() -> drivers, () -> uplinks);
    }

    /** The config in force, empty until a file was accepted. */
    public Optional<SiteConfig> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Parses and validates {@code file}; makes it current only if it has no problems.
     *
     * @return the problems that refused it, empty when it was accepted
     */
    public synchronized List<ConfigProblem> offer(Path file) {
        SiteFileResult checked = SiteValidator.check(file, drivers.get(), uplinks.get());
        List<ConfigProblem> problems = checked.problems();
        if (checked.isValid()) {
            SiteConfig accepted = checked.config().orElseThrow();
            current = accepted;
            LOG.info("Site file {} accepted: gateway {}, {} sensors on {} buses, {} uplinks", file, accepted.gatewayId(),
                    accepted.sensors().size(), accepted.buses().size(), accepted.uplinks().size());
            return List.of();
        }
        SiteConfig kept = current;
        LOG.warn("Site file {} refused with {} problem(s); {}", file, problems.size(), kept == null
                ? "no site config was accepted before, so the gateway has none in force"
                : "the last good config (gateway " + kept.gatewayId() + " from " + kept.source() + ") stays in force");
        for (ConfigProblem p : problems) {
            LOG.info("  {}", p);
        }
        return problems;
    }
}
