package dev.vigil.core.outbox;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the alarm journal knows: the alarm state, the counters and every alarm event that may be
 * unacknowledged (the snapshot's plus every one appended after it), as rebuilt by
 * {@link AlarmJournal#read}. Also the content of a SNAPSHOT record.
 */
final class JournalState {

    /** One journaled alarm event. */
    record Alarm(long storedAtMillis, byte[] payload) {
    }

    final Map<String, byte[]> state = new TreeMap<>();
    final TreeMap<Long, Alarm> alarms = new TreeMap<>();
    long lastAlarm;
    /** Every telemetry sequence ever used is at most this (reserved ahead, see AlarmJournal). */
    long telemetryReservedUpTo;
    long evictedBatches;

    /** Applies an ALARM record; a retried sequence replaces the earlier record (last one wins). */
    void applyAlarm(long sequence, long storedAtMillis, byte[] payload, Map<String, byte[]> changes) {
        alarms.put(sequence, new Alarm(storedAtMillis, payload));
        for (Map.Entry<String, byte[]> c : changes.entrySet()) {
            if (c.getValue() == null) {
                state.remove(c.getKey());
            } else {
                state.put(c.getKey(), c.getValue());
            }
        }
        lastAlarm = Math.max(lastAlarm, sequence);
    }
}
