package dev.vigil.core.rules;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Rise per minute over the rule's window, computed from acquisition times (the sensor's own
 * time base). A rate needs samples spanning at least half the window, so two readings a second
 * apart cannot fake a steep rise. The condition must hold for the on-delay; it ends only after
 * the rate stayed at or below the limit for one whole window, so a rate hovering at the limit
 * does not chatter.
 */
final class RateOfRiseEvaluator implements RuleEvaluator {

    private record Sample(Instant at, double value) { }

    private final AlarmKey key;
    private final RateOfRiseRule rule;
    private final String unit;
    private final DebouncedCondition condition;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final LastValue last = new LastValue();
    private double lastRate;

    RateOfRiseEvaluator(String sensorId, String unit, RateOfRiseRule rule) {
        this.key = AlarmKey.of(sensorId, AlarmKind.RATE_OF_RISE);
        this.rule = rule;
        this.unit = unit == null ? "" : unit;
        this.condition = new DebouncedCondition(rule.onDelay(), rule.window());
    }

    @Override
    public void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        last.remember(reading);
        Instant at = reading.acquiredAt();
        if (!samples.isEmpty() && at.isBefore(samples.peekLast().at())) {
            return; // older than the newest sample: it cannot extend the series
        }
        samples.addLast(new Sample(at, reading.value()));
        Instant windowStart = at.minus(rule.window());
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(windowStart)) {
            samples.removeFirst();
        }
        lastRate = ratePerMinute();
        if (condition.update(lastRate > rule.perMinute(), now)) {
            out.add(change(now));
        }
    }

    private double ratePerMinute() {
        Sample first = samples.peekFirst();
        Sample newest = samples.peekLast();
        Duration span = Duration.between(first.at(), newest.at());
        if (span.multipliedBy(2).compareTo(rule.window()) < 0 || span.isZero()) {
            return 0;
        }
        return (newest.value() - first.value()) * 60_000.0 / span.toMillis();
    }

    @Override
    public void onTick(Instant now, List<ConditionChange> out) {
        if (condition.settle(now)) {
            out.add(change(now));
        }
    }

    private ConditionChange change(Instant now) {
        boolean active = condition.active();
        String message = String.format(Locale.ROOT, "rate of rise %s: %.1f %s/min over %d s (limit %.1f %s/min)",
                active ? "reached" : "ended", lastRate, unit, rule.window().toSeconds(), rule.perMinute(), unit);
        return new ConditionChange(key, active, rule.severity(), false, last.value(), rule.perMinute(),
                last.acquiredAtOr(now), message);
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
