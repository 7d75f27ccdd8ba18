package dev.vigil.core.testing;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.OutboxConfig;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.config.TelemetryConfig;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.FaultRules;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.rules.RateOfRiseRule;
import dev.vigil.core.rules.SensorRules;
import dev.vigil.core.rules.SmokeRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Site and sensor configurations for tests, built directly as records. */
public final class Sites {

    public static final String GATEWAY = "gw-futian-01";
    public static final FaultRules NO_FAULTS = new FaultRules(null, null, null, null, false, Severity.WARNING);

    private Sites() {
    }

    public static Place place(String room) {
        return new Place("futian", "b1", "3F", room);
    }

    public static LevelRule above(String name, Severity severity, double raiseAt, double clearAt) {
        return new LevelRule(name, severity, LevelRule.Direction.ABOVE, raiseAt, clearAt, Duration.ZERO, Duration.ZERO,
                false);
    }

    public static SensorConfig sensor(String id, Quantity quantity, SensorRules rules) {
        return new SensorConfig(id, quantity.name().toLowerCase().replace('_', '-'), quantity, "bus-1", Options.EMPTY,
                place("r-" + id), Duration.ofSeconds(10), rules, new SourceRef("site.yaml", 10));
    }

    public static SensorConfig levels(String id, Quantity quantity, LevelRule... levels) {
        return sensor(id, quantity, new SensorRules(List.of(levels), null, null, NO_FAULTS));
    }

    public static SensorConfig smoke(String id, Duration debounce, boolean latching) {
        return sensor(id, Quantity.SMOKE, new SensorRules(List.of(), null,
                new SmokeRule(debounce, Severity.CRITICAL, latching), NO_FAULTS));
    }

    public static SensorConfig rate(String id, RateOfRiseRule rule) {
        return sensor(id, Quantity.CABLE_TEMPERATURE, new SensorRules(List.of(), rule, null, NO_FAULTS));
    }

    public static SensorConfig faults(String id, FaultRules faults, LevelRule... levels) {
        return sensor(id, Quantity.RESIDUAL_CURRENT, new SensorRules(List.of(levels), null, null, faults));
    }

    public static SiteConfig site(List<SensorConfig> sensors, int batchMaxReadings, Duration batchMaxAge) {
        return new SiteConfig(GATEWAY, "futian",
                List.of(new UplinkConfig("primary", "fake", Options.EMPTY, new SourceRef("site.yaml", 3))),
                new OutboxConfig(Path.of("/tmp/unused"), 1_000_000, 1_000_000),
                new TelemetryConfig(batchMaxReadings, batchMaxAge),
                List.of(new BusConfig("bus-1", "fake", Options.EMPTY, new SourceRef("site.yaml", 6))),
                sensors, "site.yaml");
    }

    public static SiteConfig site(SensorConfig... sensors) {
        return site(List.of(sensors), 100, Duration.ofSeconds(10));
    }
}
