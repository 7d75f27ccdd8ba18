package dev.vigil.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The retained status document of {@code <prefix>/<gatewayId>/status}: online on connect,
 * offline as last will ("connection lost") and on a clean stop ("stopped").
 */
public final class StatusCodec {

    public static final String REASON_CONNECTION_LOST = "connection lost";
    public static final String REASON_STOPPED = "stopped";

    /** @param reason null for "online" */
    public record Status(String gateway, String state, Instant since, String reason) {
    }

    private StatusCodec() {
    }

    public static byte[] online(String gateway, Instant since) {
        return encode(new Status(gateway, "online", since, null));
    }

    public static byte[] offline(String gateway, Instant since, String reason) {
        return encode(new Status(gateway, "offline", since, reason));
    }

    public static byte[] encode(Status s) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("gateway", s.gateway());
            g.writeStringField("state", s.state());
            Json.timestamp(g, "since", s.since());
            if (s.reason() != null) {
                g.writeStringField("reason", s.reason());
            }
            g.writeEndObject();
        });
    }

    public static Status decode(byte[] payload) {
        JsonNode n = Json.read(payload);
        return new Status(Json.text(n, "gateway"), Json.text(n, "state"),
                Json.parseTimestamp(Json.text(n, "since"), "since"), Json.optionalText(n, "reason"));
    }
}
