package dev.vigil.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.AlarmTransition;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;

/** The alarm document of the alarm lane and topic {@code <prefix>/<gatewayId>/alarm} (docs/protocol.md). */
public final class AlarmEventCodec {

    private AlarmEventCodec() {
    }

    public static byte[] encode(String gatewayId, AlarmEvent e) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "alarm");
            g.writeStringField("gateway", gatewayId);
            g.writeNumberField("seq", e.sequence());
            g.writeStringField("alarmId", e.alarmId());
            g.writeStringField("transition", e.transition().name());
            g.writeStringField("sensor", e.sensorId());
            g.writeStringField("kind", e.kind().name());
            g.writeStringField("level", e.level());
            g.writeStringField("severity", e.severity().name());
            g.writeStringField("quantity", e.quantity() == null ? null : e.quantity().name());
            Json.number(g, "value", e.value());
            g.writeStringField("unit", e.unit());
            Json.number(g, "threshold", e.threshold());
            Json.timestamp(g, "acquiredAt", e.acquiredAt());
            Json.timestamp(g, "eventAt", e.eventAt());
            Json.place(g, e.place());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        });
    }

    public static DecodedAlarm decode(byte[] payload) {
        JsonNode n = Json.read(payload);
        Json.expectType(n, "alarm");
        String quantity = Json.optionalText(n, "quantity");
        AlarmEvent event = new AlarmEvent(
                Json.longValue(n, "seq"),
                Json.text(n, "alarmId"),
                Json.enumValue(n, "transition", AlarmTransition.class),
                Json.text(n, "sensor"),
                Json.enumValue(n, "kind", AlarmKind.class),
                Json.optionalText(n, "level"),
                Json.enumValue(n, "severity", Severity.class),
                quantity == null ? null : Json.enumValue(n, "quantity", Quantity.class),
                Json.doubleValue(n, "value"),
                Json.optionalText(n, "unit"),
                Json.optionalDouble(n, "threshold"),
                Json.parseTimestamp(Json.text(n, "acquiredAt"), "acquiredAt"),
                Json.parseTimestamp(Json.text(n, "eventAt"), "eventAt"),
                Json.place(n),
                Json.optionalText(n, "message"));
        return new DecodedAlarm(Json.text(n, "gateway"), event);
    }
}
