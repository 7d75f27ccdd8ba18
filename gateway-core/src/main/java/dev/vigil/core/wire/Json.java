package dev.vigil.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.model.Place;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Shared pieces of the wire format: timestamps, places, numbers, reading and writing trees. */
public final class Json {

    /** ISO-8601 UTC with exactly three fraction digits, e.g. 2026-11-22T10:00:00.120Z. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final JsonFactory FACTORY = new JsonFactory();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public static Instant parseTimestamp(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new WireException("field '" + field + "' is not an ISO-8601 timestamp: " + text, e);
        }
    }

    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one JSON document with the fields in the order {@code body} writes them. */
    public static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    public static JsonNode read(byte[] payload) {
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new WireException("payload is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WireException("payload is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Writes a number, or null for NaN/infinity (JSON has no such numbers). */
    public static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }

    public static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            number(g, field, value.doubleValue());
        }
    }

    public static void timestamp(JsonGenerator g, String field, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, timestamp(value));
        }
    }

    public static void place(JsonGenerator g, Place place) throws IOException {
        g.writeObjectFieldStart("place");
        g.writeStringField("site", place.site());
        g.writeStringField("building", place.building());
        g.writeStringField("floor", place.floor());
        g.writeStringField("room", place.room());
        g.writeEndObject();
    }

    public static Place place(JsonNode node) {
        JsonNode p = require(node, "place");
        return new Place(text(p, "site"), optionalText(p, "building"), optionalText(p, "floor"),
                optionalText(p, "room"));
    }

    public static JsonNode require(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new WireException("missing field '" + field + "'");
        }
        return value;
    }

    public static String text(JsonNode node, String field) {
        return require(node, field).asText();
    }

    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static long longValue(JsonNode node, String field) {
        JsonNode value = require(node, field);
        if (!value.canConvertToLong()) {
            throw new WireException("field '" + field + "' is not an integer: " + value);
        }
        return value.asLong();
    }

    /** A number, NaN when null. */
    public static double doubleValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new WireException("field '" + field + "' is not a number: " + value);
        }
        return value.asDouble();
    }

    public static Double optionalDouble(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    public static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
        String text = text(node, field);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new WireException("field '" + field + "' has unknown value '" + text + "'", e);
        }
    }

    public static void expectType(JsonNode node, String type) {
        String actual = optionalText(node, "type");
        if (!type.equals(actual)) {
            throw new WireException("expected a document of type '" + type + "' but it is '" + actual + "'");
        }
    }
}
