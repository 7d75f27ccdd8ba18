package dev.vigil.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import java.util.ArrayList;
import java.util.List;

/** The telemetry document of the telemetry lane and topic {@code <prefix>/<gatewayId>/telemetry}. */
public final class TelemetryCodec {

    private TelemetryCodec() {
    }

    public static byte[] encode(TelemetryBatch batch) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "telemetry");
            g.writeStringField("gateway", batch.gateway());
            g.writeNumberField("seq", batch.sequence());
            g.writeArrayFieldStart("readings");
            for (TelemetryReading t : batch.readings()) {
                Reading r = t.reading();
                g.writeStartObject();
                g.writeStringField("sensor", r.sensorId());
                g.writeStringField("quantity", r.quantity().name());
                g.writeStringField("unit", r.unit());
                Json.place(g, t.place());
                Json.number(g, "value", r.value());
                Json.timestamp(g, "acquiredAt", r.acquiredAt());
                g.writeStringField("quality", r.quality().status().name());
                if (!r.quality().isGood()) {
                    g.writeStringField("qualityReason", r.quality().reason());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static TelemetryBatch decode(byte[] payload) {
        JsonNode n = Json.read(payload);
        Json.expectType(n, "telemetry");
        JsonNode array = Json.require(n, "readings");
        if (!array.isArray()) {
            throw new WireException("field 'readings' is not an array");
        }
        List<TelemetryReading> readings = new ArrayList<>(array.size());
        for (JsonNode r : array) {
            Quality.Status status = Json.enumValue(r, "quality", Quality.Status.class);
            Quality quality = status == Quality.Status.GOOD ? Quality.GOOD
                    : new Quality(status, Json.text(r, "qualityReason"), null);
            Reading reading = new Reading(Json.text(r, "sensor"), Json.enumValue(r, "quantity", Quantity.class),
                    Json.doubleValue(r, "value"), Json.optionalText(r, "unit"),
                    Json.parseTimestamp(Json.text(r, "acquiredAt"), "acquiredAt"), quality);
            readings.add(new TelemetryReading(reading, Json.place(r)));
        }
        return new TelemetryBatch(Json.text(n, "gateway"), Json.longValue(n, "seq"), readings);
    }
}
