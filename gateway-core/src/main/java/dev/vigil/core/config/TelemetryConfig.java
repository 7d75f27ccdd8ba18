package dev.vigil.core.config;

import java.time.Duration;

/**
 * How readings are batched for the telemetry lane: a batch closes at {@code batchMaxReadings}
 * readings or when its first reading is {@code batchMaxAge} old, whichever comes first.
 */
public record TelemetryConfig(int batchMaxReadings, Duration batchMaxAge) {
}
