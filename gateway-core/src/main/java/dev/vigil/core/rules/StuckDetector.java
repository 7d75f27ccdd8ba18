package dev.vigil.core.rules;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * STUCK when the sensor keeps reporting exactly the same value for {@code stuckAfter}. Judged on
 * readings only (a silent sensor is OFFLINE, not stuck); clears when the value changes.
 */
final class StuckDetector implements RuleEvaluator {

    private final AlarmKey key;
    private final FaultRules rules;
    private double lastValue = Double.NaN;
    private Instant unchangedSince;
    private Instant lastAcquiredAt;
    private boolean stuck;

    StuckDetector(String sensorId, FaultRules rules) {
        this.key = AlarmKey.of(sensorId, AlarmKind.STUCK);
        this.rules = rules;
    }

    @Override
    public void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        if (reading.quality().status() == Quality.Status.BAD) {
            return;
        }
        lastAcquiredAt = reading.acquiredAt();
        if (unchangedSince == null) {
            // first reading (also after a restart that restored a STUCK alarm: not proof of a change)
            lastValue = reading.value();
            unchangedSince = now;
            return;
        }
        if (Double.compare(reading.value(), lastValue) != 0) {
            lastValue = reading.value();
            unchangedSince = now;
            if (stuck) {
                stuck = false;
                out.add(change(now, "value changed"));
            }
            return;
        }
        if (!stuck && Duration.between(unchangedSince, now).compareTo(rules.stuckAfter()) >= 0) {
            stuck = true;
            out.add(change(now, "value unchanged for " + Duration.between(unchangedSince, now).toSeconds() + " s"));
        }
    }

    @Override
    public void onTick(Instant now, List<ConditionChange> out) {
        // judged on readings only
    }

    private ConditionChange change(Instant now, String message) {
        return new ConditionChange(key, stuck, rules.severity(), false, lastValue, null,
                lastAcquiredAt == null ? now : lastAcquiredAt, message);
    }

    @Override
    public boolean owns(AlarmKey other) {
        return key.equals(other);
    }

    @Override
    public void assumeActive(AlarmKey other, Instant now) {
        stuck = true;
    }
}
