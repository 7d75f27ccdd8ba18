package dev.vigil.core.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.AlarmKey;
import dev.vigil.core.wire.Json;

/** The JSON an active alarm is persisted as in the outbox's alarm state (internal, not on the wire). */
final class ActiveAlarmCodec {

    private ActiveAlarmCodec() {
    }

    static byte[] encode(ActiveAlarm a) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("sensor", a.key().sensorId());
            g.writeStringField("kind", a.key().kind().name());
            g.writeStringField("level", a.key().level());
            g.writeStringField("alarmId", a.alarmId());
            g.writeNumberField("raisedSeq", a.raisedSequence());
            g.writeBooleanField("acknowledged", a.acknowledged());
            g.writeBooleanField("conditionActive", a.conditionActive());
            g.writeBooleanField("latching", a.latching());
            g.writeStringField("severity", a.severity().name());
            g.writeStringField("quantity", a.quantity() == null ? null : a.quantity().name());
            g.writeStringField("unit", a.unit());
            Json.place(g, a.place());
            Json.number(g, "threshold", a.threshold());
            Json.number(g, "lastValue", a.lastValue());
            Json.timestamp(g, "lastAcquiredAt", a.lastAcquiredAt());
            Json.timestamp(g, "raisedAt", a.raisedAt());
            g.writeEndObject();
        });
    }

    static ActiveAlarm decode(byte[] bytes) {
        JsonNode n = Json.read(bytes);
        String quantity = Json.optionalText(n, "quantity");
        return new ActiveAlarm(
                new AlarmKey(Json.text(n, "sensor"), Json.enumValue(n, "kind", AlarmKind.class), Json.text(n, "level")),
                Json.text(n, "alarmId"),
                Json.longValue(n, "raisedSeq"),
                n.path("acknowledged").asBoolean(),
                n.path("conditionActive").asBoolean(),
                n.path("latching").asBoolean(),
                Json.enumValue(n, "severity", Severity.class),
                quantity == null ? null : Json.enumValue(n, "quantity", Quantity.class),
                Json.optionalText(n, "unit"),
                Json.place(n),
                Json.optionalDouble(n, "threshold"),
                Json.doubleValue(n, "lastValue"),
                Json.parseTimestamp(Json.text(n, "lastAcquiredAt"), "lastAcquiredAt"),
                Json.parseTimestamp(Json.text(n, "raisedAt"), "raisedAt"));
    }
}
