package dev.vigil.sim.scenario;

import dev.vigil.sim.gpio.GpioBank;
import java.time.Duration;

/** The one-line text printed for each timeline event. */
final class EventText {
    private EventText() {
    }

    static String describe(Scenario.Entry e, GpioBank gpio) {
        return switch (e.event()) {
            case "smoke" -> {
                GpioBank.Pin p = gpio.pinById(e.target());
                yield "smoke detected (GPIO " + p.number() + " -> " + (p.activeHigh() ? "HIGH" : "LOW") + ")";
            }
            case "clear" -> "input back to idle";
            case "chatter" -> "input chatters every " + e.param("periodMs", "200") + " ms";
            case "rain" -> "rain " + e.param("mmPerHour", "0") + " mm/h";
            case "drain-blocked" -> "drain blocked";
            case "leak" -> "insulation fault, +" + e.param("ma", "0") + " mA residual current";
            case "hot-joint" -> "loose joint, +" + e.param("extraRise", "0") + " degC rise at rated load";
            case "load" -> "load " + Math.round(Double.parseDouble(e.param("fraction", "0")) * 100) + " % of rated";
            case "silent" -> "slave goes silent";
            case "late" -> "slave answers " + e.param("delayMs", "0") + " ms late";
            case "bad-crc" -> "slave answers with a bad CRC";
            case "garbage" -> "slave answers with garbage";
            case "stuck" -> "sensor stuck at its present value";
            case "sensor-fault" -> "sensor fault " + e.param("code", e.target().contains("/") ? "open" : "no-echo")
                    + (e.target().contains("/") ? (e.param("code", "open").equals("short") ? " (0xE5E5)" : " (0xFAFA)") : " (0xFFFF)");
            case "unplug" -> "bus unplugged";
            case "modem-deregister" -> "modem loses network registration";
            case "modem-signal" -> "signal CSQ " + e.param("csq", "99");
            case "modem-drop" -> "modem will drop the next " + e.param("count", "1") + " datagram(s)";
            case "note" -> e.param("text", "");
            default -> e.event();
        };
    }

    static String human(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + " min";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
