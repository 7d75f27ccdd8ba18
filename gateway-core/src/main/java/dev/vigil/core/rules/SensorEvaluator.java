package dev.vigil.core.rules;

import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * All rules of one sensor. Value rules (levels, rate of rise, smoke) see only readings that are
 * not BAD; fault rules see every reading.
 */
final class SensorEvaluator {

    private final List<RuleEvaluator> valueRules = new ArrayList<>();
    private final List<RuleEvaluator> faultRules = new ArrayList<>();

    SensorEvaluator(SensorConfig sensor, Instant startedAt) {
        String id = sensor.id();
        String unit = sensor.quantity().unit();
        SensorRules rules = sensor.rules();
        if (rules == null) {
            return;
        }
        for (LevelRule level : rules.levels()) {
            valueRules.add(new LevelEvaluator(id, unit, level));
        }
        if (rules.rateOfRise() != null) {
            valueRules.add(new RateOfRiseEvaluator(id, unit, rules.rateOfRise()));
        }
        if (rules.smoke() != null) {
            valueRules.add(new SmokeEvaluator(id, rules.smoke()));
        }
        FaultRules faults = rules.faults();
        if (faults != null) {
            if (faults.offlineAfter() != null) {
                faultRules.add(new OfflineDetector(id, faults, startedAt));
            }
            if (faults.stuckAfter() != null) {
                faultRules.add(new StuckDetector(id, faults));
            }
            if (faults.physicalMin() != null || faults.physicalMax() != null) {
                faultRules.add(new RangeCheck(id, faults));
            }
            if (faults.deviceFaults()) {
                faultRules.add(new DeviceFaultCheck(id, faults));
            }
        }
    }

    void onReading(Reading reading, Instant now, List<ConditionChange> out) {
        for (RuleEvaluator rule : faultRules) {
            rule.onReading(reading, now, out);
        }
        if (reading.quality().status() == Quality.Status.BAD) {
            return;
        }
        for (RuleEvaluator rule : valueRules) {
            rule.onReading(reading, now, out);
        }
    }

    void onTick(Instant now, List<ConditionChange> out) {
        for (RuleEvaluator rule : faultRules) {
            rule.onTick(now, out);
        }
        for (RuleEvaluator rule : valueRules) {
            rule.onTick(now, out);
        }
    }

    boolean assumeActive(AlarmKey key, Instant now) {
        for (List<RuleEvaluator> list : List.of(faultRules, valueRules)) {
            for (RuleEvaluator rule : list) {
                if (rule.owns(key)) {
                    rule.assumeActive(key, now);
                    return true;
                }
            }
        }
        return false;
    }
}
