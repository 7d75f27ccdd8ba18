package dev.vigil.core.health;

import java.time.Instant;

/**
 * Health of one uplink.
 *
 * @param id        the uplink id from the site file
 * @param type      its type name ("mqtt", ...)
 * @param status    connection state
 * @param lastAck   when the upstream last acknowledged a message, or null
 * @param published messages acknowledged since start
 * @param failures  publishes that failed or timed out since start
 */
public record UplinkHealth(String id, String type, ComponentStatus status, Instant lastAck, long published, long failures) {
}
