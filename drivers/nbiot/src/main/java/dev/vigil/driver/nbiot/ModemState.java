package dev.vigil.driver.nbiot;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the driver knows about its modem, turned into {@link DriverHealth} on request. Written by
 * the modem thread, read by anyone.
 */
final class ModemState {

    final AtomicLong datagramsSent = new AtomicLong();
    final AtomicLong datagramsReceived = new AtomicLong();
    final AtomicLong datagramsDropped = new AtomicLong();
    final AtomicLong datagramsRecoveredByDrain = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong attaches = new AtomicLong();
    final AtomicLong reattaches = new AtomicLong();
    final AtomicLong registrationLosses = new AtomicLong();
    final AtomicLong powerCycles = new AtomicLong();

    volatile String imei;
    volatile String iccid;
    volatile String ipAddress;
    volatile AtReplies.Csq csq;
    /** The last CEREG stat: 0 not searching, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming; -1 not read yet. */
    volatile int registration = -1;
    volatile boolean attached;
    volatile Instant lastAttach;
    volatile ComponentStatus status = ComponentStatus.UNKNOWN;

    static String describeRegistration(int stat) {
        return switch (stat) {
            case 0 -> "not registered, not searching";
            case 1 -> "registered (home)";
            case 2 -> "not registered, searching";
            case 3 -> "registration denied";
            case 4 -> "registration unknown";
            case 5 -> "registered (roaming)";
            default -> "registration not read yet";
        };
    }

    String describeSignal() {
        AtReplies.Csq c = csq;
        if (c == null) {
            return "CSQ not read yet";
        }
        return c.known() ? "CSQ " + c.rssi() + " (" + c.dbm() + " dBm)" : "CSQ 99 (signal unknown)";
    }

    DriverHealth health(String busId, AtCounters at) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("commands", at.commands.get());
        counters.put("timeouts", at.timeouts.get());
        counters.put("errors", at.errors.get());
        counters.put("resyncs", at.resyncs.get());
        counters.put("garbledLines", at.garbledLines.get());
        counters.put("strayLines", at.strayLines.get());
        counters.put("urcs", at.urcs.get());
        counters.put("datagramsSent", datagramsSent.get());
        counters.put("datagramsReceived", datagramsReceived.get());
        counters.put("datagramsDropped", datagramsDropped.get());
        counters.put("datagramsRecoveredByDrain", datagramsRecoveredByDrain.get());
        counters.put("sendFailures", sendFailures.get());
        counters.put("attaches", attaches.get());
        counters.put("reattaches", reattaches.get());
        counters.put("registrationLosses", registrationLosses.get());
        counters.put("powerCycles", powerCycles.get());
        counters.put("registrationState", (long) registration);
        counters.put("attached", attached ? 1L : 0L);
        AtReplies.Csq c = csq;
        if (c != null) {
            counters.put("csq", (long) c.rssi());
            if (c.known()) {
                counters.put("rssiDbm", (long) c.dbm());
            }
        }
        Instant attach = lastAttach;
        if (attach != null) {
            counters.put("lastAttachEpochMillis", attach.toEpochMilli());
        }
        ComponentStatus s = status;
        ComponentStatus modem = new ComponentStatus(s.status(), s.detail(), "IMEI " + orDash(imei) + ", ICCID "
                + orDash(iccid) + ", " + describeRegistration(registration) + ", " + describeSignal() + ", IP "
                + orDash(ipAddress) + ", last attach " + (attach == null ? "never" : attach.toString()));
        return new DriverHealth(busId, NbIotDriverFactory.TYPE, s, counters, Map.of("modem", modem));
    }

    private static String orDash(String v) {
        return v == null ? "-" : v;
    }
}
