package dev.vigil.core.alarm;

import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.rules.AlarmKey;

/**
 * An alarm event not yet durable, with the active-alarm state to commit with it
 * ({@code stateAfter} null removes the alarm from the persisted state).
 */
public record PendingAlarm(AlarmEvent event, AlarmKey key, ActiveAlarm stateAfter) {
}
