package dev.vigil.core.rules;

import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import dev.vigil.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Drives a {@link RuleEngine} for one sensor with a hand-moved clock. */
final class RuleHarness {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final SensorConfig sensor;
    final RuleEngine engine;

    RuleHarness(SensorConfig sensor) {
        this.sensor = sensor;
        this.engine = new RuleEngine(List.of(sensor), clock.instant());
    }

    List<ConditionChange> feed(double value) {
        return feed(value, Quality.GOOD);
    }

    List<ConditionChange> feed(double value, Quality quality) {
        Reading r = new Reading(sensor.id(), sensor.quantity(), value, null, clock.instant(), quality);
        return engine.onReading(r, clock.instant());
    }

    List<ConditionChange> after(Duration d) {
        clock.advance(d);
        return engine.onTick(clock.instant());
    }

    List<ConditionChange> afterSeconds(long s) {
        return after(Duration.ofSeconds(s));
    }

    /** "+name" for a condition that started, "-name" for one that ended. */
    static String summary(List<ConditionChange> changes) {
        return changes.stream().map(c -> (c.active() ? "+" : "-") + c.key().level())
                .collect(Collectors.joining(","));
    }
}
