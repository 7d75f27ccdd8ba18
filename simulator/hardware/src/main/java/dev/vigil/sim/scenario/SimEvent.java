package dev.vigil.sim.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * One thing that happened in a simulated site, as printed and as written to the events file: a
 * timeline action (start or end), a change of a slave's behaviour on the bus, a gateway-driven
 * output, modem traffic.
 *
 * @param at      wall-clock time the hardware changed (for latency: alarm arrival minus this)
 * @param elapsed time since the scenario started
 * @param target  the pin, device, loop, bus, modem or flood point concerned
 * @param kind    the timeline event name (e.g. {@code smoke}, {@code end:smoke}), or {@code bus},
 *                {@code output}, {@code modem} for what the hardware observed
 * @param text    the human-readable line
 */
public record SimEvent(Instant at, Duration elapsed, String target, String kind, String text) {

    /** One JSON object on one line, fields in this order: at, elapsed, target, kind, text. */
    public String toJsonLine() {
        long ms = elapsed.toMillis();
        return "{\"at\":\"" + at + "\",\"elapsedMs\":" + ms + ",\"target\":" + quote(target) + ",\"kind\":" + quote(kind)
                + ",\"text\":" + quote(text) + "}";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
