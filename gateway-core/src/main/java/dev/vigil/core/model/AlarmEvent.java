package dev.vigil.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One transition of one alarm. {@code sequence} is gateway-unique, strictly increasing and
 * without gaps across all alarm events; {@code alarmId} stays the same from RAISED to CLEARED.
 *
 * @param sequence   alarm-lane sequence number, assigned when the event is made durable
 * @param alarmId    identity of the alarm occurrence, the same for all its transitions
 * @param transition what happened
 * @param sensorId   the sensor the alarm belongs to
 * @param kind       what condition the alarm stands for
 * @param level      the rule's name (e.g. "warning", "alarm", "moderate"); the kind's name for faults
 * @param severity   how urgent it is
 * @param quantity   what the sensor measures
 * @param value      the value that caused the transition
 * @param unit       the value's unit
 * @param threshold  the configured limit crossed, or null where none applies
 * @param acquiredAt when the driver acquired the reading that caused the transition
 * @param eventAt    when the engine decided the transition
 * @param place      where the sensor is
 * @param message    a short human-readable text
 */
public record AlarmEvent(
        long sequence,
        String alarmId,
        AlarmTransition transition,
        String sensorId,
        AlarmKind kind,
        String level,
        Severity severity,
        Quantity quantity,
        double value,
        String unit,
        Double threshold,
        Instant acquiredAt,
        Instant eventAt,
        Place place,
        String message) {

    public AlarmEvent {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(eventAt, "eventAt");
        Objects.requireNonNull(place, "place");
    }

    public AlarmEvent withSequence(long newSequence) {
        return new AlarmEvent(newSequence, alarmId, transition, sensorId, kind, level, severity, quantity, value, unit,
                threshold, acquiredAt, eventAt, place, message);
    }
}
