package dev.vigil.sim.demo;

import dev.vigil.core.model.Place;
import dev.vigil.sim.recorder.Received;
import dev.vigil.sim.scenario.SimEvent;
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
        return of(a, start, null);
    }

    /**
     * As {@link #of(Received.Alarm, Instant)}, with the latency from the simulated change that caused
     * the alarm when it is known, e.g. {@code (sim->received 5731 ms after residual current reached 500 mA; acquired->received 12 ms)}.
     */
    static String of(Received.Alarm a, Instant start, SimulatedCauses.Cause cause) {
        if (cause != null) {
            String latency = String.format(Locale.ROOT, "  (sim->received %d ms after %s%s)",
                    Duration.between(cause.at(), a.receivedAt()).toMillis(), cause.what(),
                    a.acquiredAt() == null || isOffline(a) ? ""
                            : "; acquired->received " + Duration.between(a.acquiredAt(), a.receivedAt()).toMillis() + " ms");
            return line(a, start) + latency;
        }
        String latency;
        if (isOffline(a) && a.eventAt() != null) {
            // an OFFLINE alarm's acquiredAt is the last reading before the silence, not a cause of delay
            latency = String.format(Locale.ROOT, "  (event->received %d ms)", Duration.between(a.eventAt(), a.receivedAt()).toMillis());
        } else if (a.acquiredAt() != null) {
            latency = String.format(Locale.ROOT, "  (acquired->received %d ms)", Duration.between(a.acquiredAt(), a.receivedAt()).toMillis());
        } else {
            latency = "";
        }
        return line(a, start) + latency;
    }

    private static String line(Received.Alarm a, Instant start) {
        return String.format(Locale.ROOT, "%s  %-8s %-9s %-22s %s  %s", offset(a.receivedAt(), start),
                a.transition(), a.severity(), a.sensor(), a.message() == null ? "" : a.message(), where(a.place()));
    }

    /** The key of an alarm's cause: {@code OFFLINE} for offline alarms, else its level name. */
    static String causeKey(Received.Alarm a) {
        return isOffline(a) ? "OFFLINE" : a.level();
    }

    /** A simulator event, e.g. {@code +  9.2s  sim      rcm-b1-3f/1: insulation fault ...}. */
    static String of(SimEvent e, Instant start) {
        return String.format(Locale.ROOT, "%s  %-8s %s: %s", offset(Instant.now(), start), "sim", e.target(), e.text());
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
