package dev.vigil.core.config;

import java.nio.file.Path;

/**
 * Where and how much the gateway buffers.
 *
 * @param directory         directory of the outbox segment files
 * @param telemetryMaxBytes telemetry lane bound; the oldest telemetry is evicted beyond it (alarms never are)
 * @param segmentMaxBytes   size at which the outbox starts a new segment file
 */
public record OutboxConfig(Path directory, long telemetryMaxBytes, long segmentMaxBytes) {
}
