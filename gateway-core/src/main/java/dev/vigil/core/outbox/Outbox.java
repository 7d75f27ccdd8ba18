package dev.vigil.core.outbox;

import java.util.List;
import java.util.Map;

/**
 * Durable store-and-forward buffer. A single writer (the engine) appends; the forwarder reads
 * the oldest entries and deletes them only after the upstream acknowledged them. After a
 * restart everything unacknowledged is still there, in order.
 *
 * <p>Sequence numbers are assigned by the writer (so they can be encoded into the payload) and
 * must be strictly increasing per lane; {@link #lastSequence} tells the writer where to resume.
 */
public interface Outbox extends AutoCloseable {

    /**
     * Stores an alarm event and, in the same commit, changes to the persisted alarm state (key to
     * value; a null value removes the key). Returns only once both are on disk.
     *
     * @throws OutboxException if it could not be made durable; nothing was stored then
     */
    void appendAlarm(long sequence, byte[] payload, Map<String, byte[]> alarmStateChanges);

    /**
     * Stores a telemetry batch durably, evicting the oldest telemetry batches if the lane would
     * exceed its byte bound. Alarms are never evicted.
     */
    void appendTelemetry(long sequence, byte[] payload);

    /** The highest sequence ever appended to {@code lane} (0 if none), also after restarts and acks. */
    long lastSequence(Lane lane);

    /** The persisted alarm state as last committed (active alarms), to restore the engine after a restart. */
    Map<String, byte[]> alarmState();

    /** Up to {@code max} of the oldest unacknowledged entries of {@code lane}, in sequence order. */
    List<OutboxEntry> oldest(Lane lane, int max);

    /** Deletes an entry the upstream acknowledged. Unknown sequences are ignored. */
    void acknowledge(Lane lane, long sequence);

    OutboxStats stats();

    @Override
    void close();
}
