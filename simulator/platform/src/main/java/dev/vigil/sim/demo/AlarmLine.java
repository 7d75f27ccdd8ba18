package dev.vigil.sim.demo;

import dev.vigil.core.model.Place;
import dev.vigil.sim.recorder.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How the demo prints what the platform received: one line per alarm event or status change. */
final class AlarmLine {

    private AlarmLine() {
    }

    /**
     * e.g. {@code +  7.9s  RAISED   ALARM     rc-b1-3f-301          residual current 512 mA >= 500 mA  B1/3F/301  (acquired->received 85 ms)}
     */
    static String of(Received.Alarm a, Instant start) {
        String latency;
        if (isOffline(a) && a.eventAt() != null) {
            // an OFFLINE alarm's acquiredAt is the last reading before the silence, not a cause of delay
            latency = String.format(Locale.ROOT, "  (event->received %d ms)", Duration.between(a.eventAt(), a.receivedAt()).toMillis());
        } else if (a.acquiredAt() != null) {
            latency = String.format(Locale.ROOT, "  (acquired->received %d ms)", Duration.between(a.acquiredAt(), a.receivedAt()).toMillis());
        } else {
            latency = "";
        }
        return String.format(Locale.ROOT, "%s  %-8s %-9s %-22s %s  %s%s", offset(a.receivedAt(), start),
                a.transition(), a.severity(), a.sensor(), a.message() == null ? "" : a.message(), where(a.place()), latency);
    }

    private static boolean isOffline(Received.Alarm a) {
        return "OFFLINE".equals(a.kind()) || "OFFLINE".equals(a.level());
    }

    static String of(Received.Status s, Instant start) {
        String reason = s.reason() == null ? "" : " (" + s.reason() + ")";
        return String.format(Locale.ROOT, "%s  %-8s %-9s %s%s", offset(s.receivedAt(), start), "STATUS",
                s.state() == null ? "?" : s.state().toUpperCase(Locale.ROOT), s.gateway(), reason);
    }

    /** Building/floor/room (or the street point); the site when nothing finer is known. */
    static String where(Place p) {
        if (p == null) {
            return "";
        }
        String label = p.label();
        int slash = label.indexOf('/');
        return slash < 0 ? label : label.substring(slash + 1);
    }

    private static String offset(Instant at, Instant start) {
        return String.format(Locale.ROOT, "+%5.1fs", Duration.between(start, at).toMillis() / 1000.0);
    }
}
