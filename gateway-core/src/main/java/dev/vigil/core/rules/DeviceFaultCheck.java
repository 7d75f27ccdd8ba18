package dev.vigil.core.rules;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import java.time.Instant;
import java.util.List;

/**
 * DEVICE_FAULT while the device reports a fault code (e.g. 0xE5E5 short on an Acrel monitor).
 * Clears on the next reading the device delivers without a code and not BAD; a driver-side
 * error (BAD without a code) says nothing about the device's fault and changes nothing.
 */
final class DeviceFaultCheck implements RuleEvaluator {

    private final AlarmKey key;
    private final FaultRules rules;
    private Integer activeCode;

    DeviceFaultCheck(String sensorId, FaultRules rules) {
        this.key = AlarmKey.of(sensorId, AlarmKind.DEVICE_FAULT);
        this.rules = rules;
    }

    @Override
    public void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        Quality q = reading.quality();
        Integer code = q.deviceFaultCode();
        if (code != null && activeCode == null) {
            activeCode = code;
            out.add(new ConditionChange(key, true, rules.severity(), false, reading.value(), null,
                    reading.acquiredAt(), q.reason()));
        } else if (code == null && activeCode != null && q.status() != Quality.Status.BAD) {
            activeCode = null;
            out.add(new ConditionChange(key, false, rules.severity(), false, reading.value(), null,
                    reading.acquiredAt(), "device fault gone"));
        } else if (code != null) {
            activeCode = code;
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
        activeCode = -1;
    }
}
