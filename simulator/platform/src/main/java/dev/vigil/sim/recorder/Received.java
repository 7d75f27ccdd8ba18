package dev.vigil.sim.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.model.Place;
import java.time.Instant;
import java.util.List;

/** One message the platform side received, decoded by what its topic says it is. */
public sealed interface Received {

    String topic();

    /** When the recorder received it, on the recorder's clock. */
    Instant receivedAt();

    /** An alarm event from {@code <prefix>/<gateway>/alarm}. Numbers the gateway left out are null. */
    record Alarm(String topic, Instant receivedAt, String gateway, long seq, String alarmId, String transition,
            String sensor, String kind, String level, String severity, String quantity, Double value, String unit,
            Double threshold, Instant acquiredAt, Instant eventAt, Place place, String message) implements Received {
    }

    /** A telemetry batch from {@code <prefix>/<gateway>/telemetry}. */
    record Telemetry(String topic, Instant receivedAt, String gateway, long seq, List<Reading> readings) implements Received {
        public Telemetry {
            readings = List.copyOf(readings);
        }
    }

    /** One reading inside a telemetry batch; {@code qualityReason} is null when the quality is GOOD. */
    record Reading(String sensor, String quantity, String unit, Place place, Double value, Instant acquiredAt,
            String quality, String qualityReason) {
    }

    /**
     * A gateway status from {@code <prefix>/<gateway>/status}; {@code retained} as the broker flagged
     * it (Moquette 0.17 leaves the flag off when it delivers a retained message on subscribe; Mosquitto sets it).
     */
    record Status(String topic, Instant receivedAt, String gateway, String state, Instant since, String reason,
            boolean retained) implements Received {
    }

    /** A health document from {@code <prefix>/<gateway>/health}, kept as a JSON tree. */
    record Health(String topic, Instant receivedAt, String gateway, JsonNode document) implements Received {
    }

    /** Anything else, or a payload that could not be decoded ({@code problem} says why). */
    record Other(String topic, Instant receivedAt, byte[] payload, String problem) implements Received {
    }
}
