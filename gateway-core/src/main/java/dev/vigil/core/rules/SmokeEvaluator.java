package dev.vigil.core.rules;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Reading;
import java.time.Instant;
import java.util.List;

/**
 * A smoke detector input: a value of 0.5 or more is smoke. The input must be stable for the
 * debounce time in either direction, so a chattering contact cannot raise and clear alarms in
 * a storm: while it toggles faster than the debounce, the alarm state does not change.
 */
final class SmokeEvaluator implements RuleEvaluator {

    static final double SMOKE_AT = 0.5;

    private final AlarmKey key;
    private final SmokeRule rule;
    private final DebouncedCondition condition;
    private final LastValue last = new LastValue();

    SmokeEvaluator(String sensorId, SmokeRule rule) {
        this.key = AlarmKey.of(sensorId, AlarmKind.SMOKE);
        this.rule = rule;
        this.condition = new DebouncedCondition(rule.debounce(), rule.debounce());
    }

    @Override
    public void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        last.remember(reading);
        if (condition.update(reading.value() >= SMOKE_AT, now)) {
            out.add(change(now));
        }
    }

    @Override
    public void onTick(Instant now, List<ConditionChange> out) {
        if (condition.settle(now)) {
            out.add(change(now));
        }
    }

    private ConditionChange change(Instant now) {
        boolean active = condition.active();
        return new ConditionChange(key, active, rule.severity(), rule.latching(), last.value(), null,
                last.acquiredAtOr(now), active ? "smoke detected" : "smoke cleared");
    }

    @Override
    public boolean owns(AlarmKey other) {
        return key.equals(other);
    }

    @Override
    public void assumeActive(AlarmKey other, Instant now) {
        condition.assumeActive(now);
    }
}
