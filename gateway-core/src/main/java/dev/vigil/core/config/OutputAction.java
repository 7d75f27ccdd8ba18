package dev.vigil.core.config;

import dev.vigil.core.rules.AlarmKey;
import java.util.Objects;
import java.util.Set;

/**
 * A sensor's local action: while one of {@code alarms} is active, {@code output} is on.
 *
 * @param sensorId     the sensor whose alarms drive the output
 * @param output       id of an output declared under a bus's {@code outputs:}
 * @param alarms       which of the sensor's alarms drive it (by default its value alarms: levels,
 *                     rate of rise, smoke; faults only when named)
 * @param silenceOnAck whether acknowledging the alarm switches the output off although the
 *                     alarm stays active until its condition ends
 * @param where        where the action was written
 */
public record OutputAction(String sensorId, String output, Set<AlarmKey> alarms, boolean silenceOnAck,
        SourceRef where) {

    public OutputAction {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(output, "output");
        alarms = Set.copyOf(alarms);
    }
}
