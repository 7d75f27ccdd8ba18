package dev.vigil.core.rules;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * OFFLINE when no sign of life arrived for {@code offlineAfter} (engine clock time, counted
 * from the engine's start for a sensor never heard from). A sign of life is any reading except a
 * BAD one without a device fault code (a driver-side timeout or CRC error means the device did
 * not answer). Clears as soon as a sign of life arrives.
 */
final class OfflineDetector implements RuleEvaluator {

    private final AlarmKey key;
    private final FaultRules rules;
    private final Duration offlineAfter;
    private final LastValue last = new LastValue();
    private Instant lastSignOfLife;
    private boolean offline;

    OfflineDetector(String sensorId, FaultRules rules, Instant startedAt) {
        this.key = AlarmKey.of(sensorId, AlarmKind.OFFLINE);
        this.rules = rules;
        this.offlineAfter = rules.offlineAfter();
        this.lastSignOfLife = startedAt;
    }

    static boolean isSignOfLife(Quality quality) {
        return quality.status() != Quality.Status.BAD || quality.deviceFaultCode() != null;
    }

    @Override
    public void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        if (!isSignOfLife(reading.quality())) {
            onTick(now, out);
            return;
        }
        last.remember(reading);
        lastSignOfLife = now;
        if (offline) {
            offline = false;
            out.add(change(now, "readings returned"));
        }
    }

    @Override
    public void onTick(Instant now, List<ConditionChange> out) {
        if (!offline && Duration.between(lastSignOfLife, now).compareTo(offlineAfter) > 0) {
            offline = true;
            out.add(change(now, "no reading for more than " + offlineAfter.toSeconds() + " s"));
        }
    }

    private ConditionChange change(Instant now, String message) {
        return new ConditionChange(key, offline, rules.severity(), false, last.value(), null,
                last.acquiredAtOr(now), message);
    }

    @Override
    public boolean owns(AlarmKey other) {
        return key.equals(other);
    }

    @Override
    public void assumeActive(AlarmKey other, Instant now) {
        offline = true;
    }
}
