package dev.vigil.core.alarm;

import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.AlarmTransition;
import dev.vigil.core.model.Place;
import dev.vigil.core.rules.AlarmKey;
import dev.vigil.core.rules.ConditionChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarm state machine: NORMAL → RAISED → (ACKED) → CLEARED for every alarm key. A
 * non-latching alarm clears when its condition ends; a latching one only once it is
 * acknowledged and its condition has ended. Every transition becomes a {@link PendingAlarm}
 * with the next alarm sequence. Not thread-safe: the engine serialises calls.
 */
public final class AlarmBook {

    private final String gatewayId;
    private final AlarmSequencer sequencer;
    private final Map<AlarmKey, ActiveAlarm> active = new LinkedHashMap<>();

    public AlarmBook(String gatewayId, AlarmSequencer sequencer) {
        this.gatewayId = gatewayId;
        this.sequencer = sequencer;
    }

    /** Adds an alarm that was active when the gateway stopped; it emits no event. */
    public void restore(ActiveAlarm alarm) {
        active.put(alarm.key(), alarm);
    }

    public List<PendingAlarm> apply(ConditionChange change, SensorConfig sensor, Instant now) {
        ActiveAlarm alarm = active.get(change.key());
        if (change.active()) {
            if (alarm != null) {
                active.put(alarm.key(), alarm.withCondition(true, change.value(), change.acquiredAt()));
                return List.of();
            }
            return List.of(raise(change, sensor, now));
        }
        if (alarm == null) {
            return List.of();
        }
        ActiveAlarm ended = alarm.withCondition(false, change.value(), change.acquiredAt());
        if (ended.latching() && !ended.acknowledged()) {
            active.put(ended.key(), ended);
            return List.of();
        }
        return List.of(clear(ended, now, change.message(), change.threshold()));
    }

    /**
     * Acknowledges an active alarm by its id: ACKED, followed by CLEARED if it was only held by
     * latching. Empty if no active, unacknowledged alarm has that id.
     */
    public List<PendingAlarm> acknowledge(String alarmId, String by, Instant now) {
        Optional<ActiveAlarm> found = active.values().stream().filter(a -> a.alarmId().equals(alarmId)).findFirst();
        if (found.isEmpty() || found.get().acknowledged()) {
            return List.of();
        }
        ActiveAlarm acked = found.get().acknowledge();
        List<PendingAlarm> out = new ArrayList<>(2);
        active.put(acked.key(), acked);
        out.add(new PendingAlarm(event(acked, AlarmTransition.ACKED, now, "acknowledged by " + by), acked.key(),
                acked));
        if (!acked.conditionActive()) {
            out.add(clear(acked, now, "acknowledged and condition gone", acked.threshold()));
        }
        return out;
    }

    /** Clears an alarm whose rule no longer exists (configuration changed while it was active). */
    public List<PendingAlarm> retire(AlarmKey key, Instant now, String reason) {
        ActiveAlarm alarm = active.get(key);
        return alarm == null ? List.of() : List.of(clear(alarm, now, reason, alarm.threshold()));
    }

    public Collection<ActiveAlarm> active() {
        return List.copyOf(active.values());
    }

    private PendingAlarm raise(ConditionChange change, SensorConfig sensor, Instant now) {
        long sequence = sequencer.next();
        AlarmKey key = change.key();
        String alarmId = gatewayId + ":" + key.sensorId() + ":" + key.level() + ":" + sequence;
        Place place = sensor.place();
        ActiveAlarm alarm = new ActiveAlarm(key, alarmId, sequence, false, true, change.latching(), change.severity(),
                sensor.quantity(), sensor.quantity().unit(), place, change.threshold(), change.value(),
                change.acquiredAt(), now);
        active.put(key, alarm);
        AlarmEvent event = new AlarmEvent(sequence, alarmId, AlarmTransition.RAISED, key.sensorId(), key.kind(),
                key.level(), alarm.severity(), alarm.quantity(), change.value(), alarm.unit(), change.threshold(),
                change.acquiredAt(), now, place, change.message());
        return new PendingAlarm(event, key, alarm);
    }

    /** @param threshold the limit that decided the clear (the clear level when the condition ended it) */
    private PendingAlarm clear(ActiveAlarm alarm, Instant now, String message, Double threshold) {
        active.remove(alarm.key());
        return new PendingAlarm(event(alarm, AlarmTransition.CLEARED, now, message, threshold), alarm.key(), null);
    }

    private AlarmEvent event(ActiveAlarm a, AlarmTransition transition, Instant now, String message) {
        return event(a, transition, now, message, a.threshold());
    }

    private AlarmEvent event(ActiveAlarm a, AlarmTransition transition, Instant now, String message,
            Double threshold) {
        return new AlarmEvent(sequencer.next(), a.alarmId(), transition, a.key().sensorId(), a.key().kind(),
                a.key().level(), a.severity(), a.quantity(), a.lastValue(), a.unit(), threshold,
                a.lastAcquiredAt(), now, a.place(), message);
    }
}
