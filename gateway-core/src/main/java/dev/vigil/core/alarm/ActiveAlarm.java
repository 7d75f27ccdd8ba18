package dev.vigil.core.alarm;

import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.AlarmKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An alarm between RAISED and CLEARED, as persisted in the outbox's alarm state. It carries what
 * its later ACKED and CLEARED events need, so they can be built after a restart too.
 *
 * @param key             which alarm of which sensor
 * @param alarmId         identity shared by all its events
 * @param raisedSequence  alarm sequence of its RAISED event
 * @param acknowledged    whether it has been acknowledged (ACKED sent)
 * @param conditionActive whether its condition still holds (a latched alarm may outlive it)
 * @param latching        whether it stays until acknowledged
 * @param severity        its severity
 * @param quantity        what the sensor measures
 * @param unit            the value's unit
 * @param place           where the sensor is
 * @param threshold       the limit crossed when it was raised, or null
 * @param lastValue       the last value that changed it
 * @param lastAcquiredAt  acquisition time of that value
 * @param raisedAt        when it was raised (engine time)
 */
public record ActiveAlarm(
        AlarmKey key,
        String alarmId,
        long raisedSequence,
        boolean acknowledged,
        boolean conditionActive,
        boolean latching,
        Severity severity,
        Quantity quantity,
        String unit,
        Place place,
        Double threshold,
        double lastValue,
        Instant lastAcquiredAt,
        Instant raisedAt) {

    public ActiveAlarm {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(lastAcquiredAt, "lastAcquiredAt");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    ActiveAlarm withCondition(boolean holds, double value, Instant acquiredAt) {
        return new ActiveAlarm(key, alarmId, raisedSequence, acknowledged, holds, latching, severity, quantity, unit,
                place, threshold, value, acquiredAt, raisedAt);
    }

    ActiveAlarm acknowledge() {
        return new ActiveAlarm(key, alarmId, raisedSequence, true, conditionActive, latching, severity, quantity, unit,
                place, threshold, lastValue, lastAcquiredAt, raisedAt);
    }
}
