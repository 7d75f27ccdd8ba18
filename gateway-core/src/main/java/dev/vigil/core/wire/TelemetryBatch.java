package dev.vigil.core.wire;

import java.util.List;

/** A telemetry document: one outbox entry of the telemetry lane. */
public record TelemetryBatch(String gateway, long sequence, List<TelemetryReading> readings) {

    public TelemetryBatch {
        readings = List.copyOf(readings);
    }
}
