package dev.vigil.core.rules;

import dev.vigil.core.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * A rule's condition started or ended (after its delays). The alarm book turns this into alarm
 * transitions; latching decides whether the end of a condition clears the alarm.
 *
 * @param key        which alarm
 * @param active     whether the condition now holds
 * @param severity   severity of the alarm
 * @param latching   whether the alarm stays until acknowledged
 * @param value      the value that decided the change (NaN if there is none, e.g. never seen)
 * @param threshold  the limit crossed, or null
 * @param acquiredAt acquisition time of that value (the detection time if there is none)
 * @param message    short human-readable text
 */
public record ConditionChange(AlarmKey key, boolean active, Severity severity, boolean latching, double value,
        Double threshold, Instant acquiredAt, String message) {

    public ConditionChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
    }
}
