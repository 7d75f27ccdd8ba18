package dev.vigil.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.alarm.ActiveAlarm;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.health.GatewayHealth;
import dev.vigil.core.health.ProcessHealth;
import dev.vigil.core.health.SensorHealth;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.OutboxStats;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The health document published to {@code <prefix>/<gatewayId>/health} (docs/protocol.md). */
public final class HealthCodec {

    private HealthCodec() {
    }

    public static byte[] encode(GatewayHealth h) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "health");
            g.writeStringField("gateway", h.gatewayId());
            Json.timestamp(g, "at", h.at());
            process(g, h.process());
            g.writeArrayFieldStart("sensors");
            for (SensorHealth s : h.sensors()) {
                sensor(g, s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("drivers");
            for (DriverHealth d : h.drivers()) {
                driver(g, d);
            }
            g.writeEndArray();
            outbox(g, h.outbox(), h);
            g.writeArrayFieldStart("uplinks");
            for (UplinkHealth u : h.uplinks()) {
                uplink(g, u);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("alarms");
            for (ActiveAlarm a : h.activeAlarms()) {
                alarm(g, a);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Decodes a health document into a tree (its shape is for display, not for logic). */
    public static JsonNode decode(byte[] payload) {
        JsonNode n = Json.read(payload);
        Json.expectType(n, "health");
        return n;
    }

    private static void process(JsonGenerator g, ProcessHealth p) throws IOException {
        g.writeObjectFieldStart("process");
        g.writeNumberField("heapUsedBytes", p.heapUsedBytes());
        g.writeNumberField("heapMaxBytes", p.heapMaxBytes());
        Json.timestamp(g, "startedAt", p.startedAt());
        g.writeNumberField("uptimeSeconds", p.uptime().toSeconds());
        g.writeEndObject();
    }

    private static void sensor(JsonGenerator g, SensorHealth s) throws IOException {
        g.writeStartObject();
        g.writeStringField("sensor", s.sensorId());
        g.writeStringField("state", s.state().name());
        Json.number(g, "lastValue", s.lastValue());
        Json.timestamp(g, "lastSeen", s.lastSeen());
        Json.timestamp(g, "acquiredAt", s.acquiredAt());
        g.writeNumberField("goodCount", s.goodCount());
        g.writeNumberField("errorCount", s.errorCount());
        g.writeStringField("lastError", s.lastError());
        g.writeEndObject();
    }

    private static void status(JsonGenerator g, ComponentStatus s) throws IOException {
        g.writeStringField("status", s.status().name());
        g.writeStringField("detail", s.detail());
        g.writeStringField("message", s.message());
    }

    private static void driver(JsonGenerator g, DriverHealth d) throws IOException {
        g.writeStartObject();
        g.writeStringField("bus", d.busId());
        g.writeStringField("driver", d.driver());
        status(g, d.status());
        g.writeObjectFieldStart("counters");
        for (Map.Entry<String, Long> c : new TreeMap<>(d.counters()).entrySet()) {
            g.writeNumberField(c.getKey(), c.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("devices");
        for (Map.Entry<String, ComponentStatus> dev : new TreeMap<>(d.devices()).entrySet()) {
            g.writeObjectFieldStart(dev.getKey());
            status(g, dev.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void outbox(JsonGenerator g, OutboxStats o, GatewayHealth h) throws IOException {
        if (o == null) {
            g.writeNullField("outbox");
            return;
        }
        g.writeObjectFieldStart("outbox");
        g.writeNumberField("alarmDepth", o.alarmDepth());
        g.writeNumberField("telemetryDepth", o.telemetryDepth());
        g.writeNumberField("telemetryBytes", o.telemetryBytes());
        Json.timestamp(g, "oldestStoredAt", o.oldestStoredAt());
        if (o.oldestStoredAt() == null) {
            g.writeNullField("oldestAgeSeconds");
        } else {
            g.writeNumberField("oldestAgeSeconds", Math.max(0, Duration.between(o.oldestStoredAt(), h.at()).toSeconds()));
        }
        g.writeNumberField("evictedBatches", o.evictedBatches());
        g.writeNumberField("fileBytes", o.fileBytes());
        g.writeNumberField("segments", o.segments());
        g.writeEndObject();
    }

    private static void uplink(JsonGenerator g, UplinkHealth u) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", u.id());
        g.writeStringField("type", u.type());
        status(g, u.status());
        Json.timestamp(g, "lastAck", u.lastAck());
        g.writeNumberField("published", u.published());
        g.writeNumberField("failures", u.failures());
        g.writeEndObject();
    }

    private static void alarm(JsonGenerator g, ActiveAlarm a) throws IOException {
        g.writeStartObject();
        g.writeStringField("alarmId", a.alarmId());
        g.writeStringField("sensor", a.key().sensorId());
        g.writeStringField("kind", a.key().kind().name());
        g.writeStringField("level", a.key().level());
        g.writeStringField("severity", a.severity().name());
        g.writeStringField("state", a.acknowledged() ? "ACKED" : "RAISED");
        g.writeBooleanField("conditionActive", a.conditionActive());
        g.writeBooleanField("latching", a.latching());
        Json.timestamp(g, "raisedAt", a.raisedAt());
        g.writeEndObject();
    }
}
