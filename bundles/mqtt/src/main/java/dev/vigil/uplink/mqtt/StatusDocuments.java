package dev.vigil.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The retained {@code <prefix>/<gateway>/status} documents of docs/protocol.md. */
final class StatusDocuments {

    /** ISO-8601 UTC with milliseconds, always three digits. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StatusDocuments() {
    }

    static byte[] online(String gatewayId, Instant since) {
        return document(gatewayId, "online", since, null);
    }

    /** The last will, registered at connect: {@code since} is when that connection was made. */
    static byte[] connectionLost(String gatewayId, Instant connectedAt) {
        return document(gatewayId, "offline", connectedAt, "connection lost");
    }

    static byte[] stopped(String gatewayId, Instant now) {
        return document(gatewayId, "offline", now, "stopped");
    }

    private static byte[] document(String gatewayId, String state, Instant since, String reason) {
        StringBuilder b = new StringBuilder("{\"gateway\":").append(quote(gatewayId))
                .append(",\"state\":").append(quote(state))
                .append(",\"since\":").append(quote(TIME.format(since)));
        if (reason != null) {
            b.append(",\"reason\":").append(quote(reason));
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
