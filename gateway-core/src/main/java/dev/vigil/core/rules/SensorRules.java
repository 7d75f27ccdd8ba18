package dev.vigil.core.rules;

import java.util.List;

/**
 * Everything the engine checks for one sensor. {@code rateOfRise} and {@code smoke} may be null.
 */
public record SensorRules(List<LevelRule> levels, RateOfRiseRule rateOfRise, SmokeRule smoke, FaultRules faults) {

    public SensorRules {
        levels = List.copyOf(levels);
    }
}
