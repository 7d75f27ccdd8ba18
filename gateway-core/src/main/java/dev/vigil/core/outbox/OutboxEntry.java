package dev.vigil.core.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored message: an alarm event or a telemetry batch, already encoded as the JSON document
 * the platform receives (see docs/protocol.md).
 *
 * @param lane     which lane it is in
 * @param sequence its lane's sequence number (alarm sequences have no gaps)
 * @param storedAt when it was committed
 * @param payload  the encoded message
 */
public record OutboxEntry(Lane lane, long sequence, Instant storedAt, byte[] payload) {

    public OutboxEntry {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
