package dev.vigil.core.rules;

import dev.vigil.core.model.Reading;
import dev.vigil.core.rules.LevelRule.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One {@link LevelRule} of one sensor. The raw condition has hysteresis (it starts at
 * {@code raiseAt} and ends only past {@code clearAt}); the on/off delays debounce it.
 */
final class LevelEvaluator implements RuleEvaluator {

    private final AlarmKey key;
    private final LevelRule rule;
    private final String unit;
    private final DebouncedCondition condition;
    private final LastValue last = new LastValue();

    LevelEvaluator(String sensorId, String unit, LevelRule rule) {
        this.key = AlarmKey.level(sensorId, rule.name());
        this.rule = rule;
        this.unit = unit == null ? "" : unit;
        this.condition = new DebouncedCondition(rule.onDelay(), rule.offDelay());
    }

    @Override
    public void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        last.remember(reading);
        boolean raw = condition.raw() ? stillHolds(reading.value()) : starts(reading.value());
        if (condition.update(raw, now)) {
            out.add(change(now));
        }
    }

    @Override
    public void onTick(Instant now, List<ConditionChange> out) {
        if (condition.settle(now)) {
            out.add(change(now));
        }
    }

    private boolean starts(double value) {
        return rule.direction() == Direction.ABOVE ? value >= rule.raiseAt() : value <= rule.raiseAt();
    }

    private boolean stillHolds(double value) {
        return rule.direction() == Direction.ABOVE ? value >= rule.clearAt() : value <= rule.clearAt();
    }

    private ConditionChange change(Instant now) {
        boolean active = condition.active();
        double limit = active ? rule.raiseAt() : rule.clearAt();
        String relation;
        if (rule.direction() == Direction.ABOVE) {
            relation = active ? ">=" : "<";
        } else {
            relation = active ? "<=" : ">";
        }
        String message = String.format(Locale.ROOT, "%s %s: %s %s %s %s", rule.name(), active ? "reached" : "ended",
                format(last.value()), relation, format(limit), unit).trim();
        return new ConditionChange(key, active, rule.severity(), rule.latching(), last.value(), limit,
                last.acquiredAtOr(now), message);
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
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
