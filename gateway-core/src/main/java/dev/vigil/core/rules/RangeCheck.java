package dev.vigil.core.rules;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** OUT_OF_RANGE while readings lie outside what the quantity can physically be. */
final class RangeCheck implements RuleEvaluator {

    private final AlarmKey key;
    private final FaultRules rules;
    private boolean outOfRange;

    RangeCheck(String sensorId, FaultRules rules) {
        this.key = AlarmKey.of(sensorId, AlarmKind.OUT_OF_RANGE);
        this.rules = rules;
    }

    @Override
    public void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        if (reading.quality().status() == Quality.Status.BAD) {
            return;
        }
        double v = reading.value();
        Double crossed = null;
        if (rules.physicalMin() != null && v < rules.physicalMin()) {
            crossed = rules.physicalMin();
        } else if (rules.physicalMax() != null && v > rules.physicalMax()) {
            crossed = rules.physicalMax();
        } else if (Double.isNaN(v)) {
            crossed = rules.physicalMax() != null ? rules.physicalMax() : rules.physicalMin();
        }
        boolean outside = crossed != null;
        if (outside != outOfRange) {
            outOfRange = outside;
            String message = outOfRange
                    ? String.format(Locale.ROOT, "value %s outside physical range [%s, %s]", v,
                            rules.physicalMin(), rules.physicalMax())
                    : "value back in physical range";
            out.add(new ConditionChange(key, outOfRange, rules.severity(), false, v, crossed, reading.acquiredAt(),
                    message));
        }
    }

    @Override
    public void onTick(Instant now, List<ConditionChange> out) {
        // judged on readings only
    }

    @Override
    public boolean owns(AlarmKey other) {
        return key.equals(other);
    }

    @Override
    public void assumeActive(AlarmKey other, Instant now) {
        outOfRange = true;
    }
}
