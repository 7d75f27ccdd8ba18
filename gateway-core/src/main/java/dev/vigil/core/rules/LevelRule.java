package dev.vigil.core.rules;

import dev.vigil.core.model.Severity;
import java.time.Duration;

/**
 * One level of a threshold alarm, with hysteresis and delays. For {@code ABOVE} the condition
 * starts when value &gt;= raiseAt and ends when value &lt; clearAt (clearAt &lt;= raiseAt);
 * {@code BELOW} mirrors it. The condition must hold for {@code onDelay} before the alarm is
 * raised, and be gone for {@code offDelay} before it clears. Each level is its own alarm
 * (as ISA-18.2 treats HI and HIHI), so a value above "alarm" also keeps "warning" raised.
 */
public record LevelRule(
        String name,
        Severity severity,
        Direction direction,
        double raiseAt,
        double clearAt,
        Duration onDelay,
        Duration offDelay,
        boolean latching) {

    public enum Direction { ABOVE, BELOW }
}
