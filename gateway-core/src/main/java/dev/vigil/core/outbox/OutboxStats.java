package dev.vigil.core.outbox;

import java.time.Instant;

/**
 * What the outbox holds, for the health model.
 *
 * @param alarmDepth            unacknowledged alarm events
 * @param telemetryDepth        unacknowledged telemetry batches
 * @param telemetryBytes        bytes of unacknowledged telemetry payloads
 * @param oldestStoredAt        when the oldest unacknowledged entry was stored, or null if empty
 * @param evictedBatches        telemetry batches evicted since the outbox was created
 * @param fileBytes             bytes on disk of the outbox directory: segment files, their WAL files and the alarm journal
 * @param segments              number of segment files
 */
public record OutboxStats(long alarmDepth, long telemetryDepth, long telemetryBytes, Instant oldestStoredAt,
        long evictedBatches, long fileBytes, int segments) {
}
