package dev.vigil.sim.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.model.Place;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decodes the JSON documents of docs/protocol.md by the last level of their topic. */
final class MessageDecoder {

    private final ObjectMapper json = new ObjectMapper();

    Received decode(String topic, byte[] payload, boolean retained, Instant receivedAt) {
        String kind = topic.substring(topic.lastIndexOf('/') + 1);
        try {
            if (!List.of("alarm", "telemetry", "status", "health").contains(kind)) {
                return new Received.Other(topic, receivedAt, payload, null);
            }
            JsonNode n = json.readTree(payload);
            if (n == null || !n.isObject()) {
                return new Received.Other(topic, receivedAt, payload, "not a JSON object");
            }
            return switch (kind) {
                case "alarm" -> new Received.Alarm(topic, receivedAt, text(n, "gateway"), n.path("seq").asLong(),
                        text(n, "alarmId"), text(n, "transition"), text(n, "sensor"), text(n, "kind"), text(n, "level"),
                        text(n, "severity"), text(n, "quantity"), number(n, "value"), text(n, "unit"),
                        number(n, "threshold"), instant(n, "acquiredAt"), instant(n, "eventAt"), place(n.path("place")),
                        text(n, "message"));
                case "telemetry" -> new Received.Telemetry(topic, receivedAt, text(n, "gateway"), n.path("seq").asLong(),
                        readings(n.path("readings")));
                case "status" -> new Received.Status(topic, receivedAt, text(n, "gateway"), text(n, "state"),
                        instant(n, "since"), text(n, "reason"), retained);
                default -> new Received.Health(topic, receivedAt, text(n, "gateway"), n);
            };
        } catch (IOException | RuntimeException e) {
            return new Received.Other(topic, receivedAt, payload, "cannot decode " + kind + ": " + e.getMessage()
                    + " in " + new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static List<Received.Reading> readings(JsonNode array) {
        List<Received.Reading> out = new ArrayList<>();
        for (JsonNode r : array) {
            out.add(new Received.Reading(text(r, "sensor"), text(r, "quantity"), text(r, "unit"), place(r.path("place")),
                    number(r, "value"), instant(r, "acquiredAt"), text(r, "quality"), text(r, "qualityReason")));
        }
        return out;
    }

    private static Place place(JsonNode p) {
        if (!p.isObject()) {
            return null;
        }
        String site = text(p, "site");
        return new Place(site == null ? "" : site, text(p, "building"), text(p, "floor"), text(p, "room"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    private static Instant instant(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }
}
