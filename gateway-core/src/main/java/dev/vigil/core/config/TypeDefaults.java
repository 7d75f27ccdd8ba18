package dev.vigil.core.config;

import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.FaultRules;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.rules.RateOfRiseRule;
import dev.vigil.core.rules.SensorRules;
import dev.vigil.core.rules.SmokeRule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sensor of one type gets when the site file leaves something out. See docs/defaults.md
 * for where each value comes from.
 *
 * @param expectedInterval  how often a reading is expected when {@code expectedInterval} is omitted
 * @param levels            the levels used when {@code rules.levels} is omitted
 * @param hysteresis        for a written level without {@code clearAt}: clearAt = raiseAt - hysteresis (ABOVE) or + (BELOW)
 * @param onDelay           on-delay of a written level that has no same-named default level
 * @param offDelay          off-delay of a written level that has no same-named default level
 * @param rateOfRise        the rate-of-rise rule when {@code rules.rateOfRise} is omitted; null for none
 * @param smoke             the smoke rule; null for types that are not smoke detectors
 * @param offlineIntervals  offlineAfter = this many expected intervals without a reading
 * @param stuckAfter        the same value this long is STUCK; null switches the check off
 * @param physicalMin       below this the value is OUT_OF_RANGE; null for no limit
 * @param physicalMax       above this the value is OUT_OF_RANGE; null for no limit
 * @param deviceFaults      whether device-reported fault codes raise DEVICE_FAULT
 * @param faultSeverity     severity of sensor-fault alarms
 * @param source            where these values come from, in one sentence
 */
public record TypeDefaults(
        SensorType type,
        Duration expectedInterval,
        List<LevelRule> levels,
        double hysteresis,
        Duration onDelay,
        Duration offDelay,
        RateOfRiseRule rateOfRise,
        SmokeRule smoke,
        int offlineIntervals,
        Duration stuckAfter,
        Double physicalMin,
        Double physicalMax,
        boolean deviceFaults,
        Severity faultSeverity,
        String source) {

    public TypeDefaults {
        Objects.requireNonNull(type, "type");
        levels = List.copyOf(levels);
    }

    public Optional<LevelRule> level(String name) {
        return levels.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The default offline timeout: {@code offlineIntervals} times the sensor's expected interval. */
    public Duration offlineAfter(Duration expectedInterval) {
        return expectedInterval.multipliedBy(offlineIntervals);
    }

    public FaultRules faults(Duration expectedInterval) {
        return new FaultRules(offlineAfter(expectedInterval), stuckAfter, physicalMin, physicalMax, deviceFaults, faultSeverity);
    }

    /** Every rule of this type with nothing overridden. */
    public SensorRules rules(Duration expectedInterval) {
        return new SensorRules(levels, rateOfRise, smoke, faults(expectedInterval));
    }
}
