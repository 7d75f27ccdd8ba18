package dev.vigil.driver.simulated;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one simulated sensor plays, from its {@code address:} in the site file:
 * <pre>
 *   address:
 *     every: 500ms            reading interval (default 1s)
 *     signal: ramp 0s:0 20s:600
 *     silentAfter: 25s        optional: no readings from then on
 *     faultAt: 30s            optional: readings report a device fault from then on
 *     faultCode: 0xE5E5       optional with faultAt (default 0xE5E5, "short")
 * </pre>
 */
record SensorScript(
        String sensorId,
        Quantity quantity,
        Duration every,
        Signal signal,
        Duration silentAfter,
        Duration faultAt,
        int faultCode) {

    static final Duration DEFAULT_EVERY = Duration.ofSeconds(1);
    static final int DEFAULT_FAULT_CODE = 0xE5E5;
    static final Set<String> KEYS = Set.of("every", "signal", "silentAfter", "faultAt", "faultCode");

    /** Whether the sensor still reports {@code sinceStart} after the driver started. */
    boolean reportsAt(Duration sinceStart) {
        return silentAfter == null || sinceStart.compareTo(silentAfter) < 0;
    }

    Reading readingAt(Duration sinceStart, Instant now) {
        double value = signal.valueAt(sinceStart);
        Quality quality = faultAt != null && sinceStart.compareTo(faultAt) >= 0
                ? Quality.deviceFault(faultCode, faultMeaning(faultCode))
                : Quality.GOOD;
        return new Reading(sensorId, quantity, value, quantity.unit(), now, quality);
    }

    /** The meanings Acrel monitors give their fault codes (DESIGN.md); anything else is just "simulated fault". */
    static String faultMeaning(int code) {
        return switch (code) {
            case 0xE5E5 -> "short circuit";
            case 0xFAFA -> "open circuit";
            default -> "simulated fault";
        };
    }

    /** Reads the script from a sensor's address, adding every problem found to {@code problems}; null if any. */
    static SensorScript from(SensorConfig sensor, List<ConfigProblem> problems) {
        Options a = sensor.address();
        int before = problems.size();
        String who = "sensor " + sensor.id() + ": ";
        for (String key : a.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(a.lineOf(key), who + "unknown address key '" + key
                        + "' for a simulated sensor; expected every, signal, silentAfter, faultAt, faultCode"));
            }
        }
        Duration every = duration(a, "every", who, problems);
        if (every == null && !a.has("every")) {
            every = DEFAULT_EVERY;
        } else if (every != null && every.toMillis() < 10) {
            problems.add(new ConfigProblem(a.lineOf("every"), who + "every: " + a.get("every")
                    + " is too fast for the simulated driver; expected at least 10ms"));
        }
        Signal signal = null;
        if (!a.has("signal")) {
            problems.add(new ConfigProblem(a.lineOf("signal"), who + "address has no signal; expected signal: "
                    + SignalParser.FORMS));
        } else {
            try {
                signal = SignalParser.parse(String.valueOf(a.get("signal")));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(a.lineOf("signal"), who + "signal: " + e.getMessage()));
            }
        }
        Duration silentAfter = duration(a, "silentAfter", who, problems);
        Duration faultAt = duration(a, "faultAt", who, problems);
        int faultCode = DEFAULT_FAULT_CODE;
        if (a.has("faultCode")) {
            if (faultAt == null && !a.has("faultAt")) {
                problems.add(new ConfigProblem(a.lineOf("faultCode"), who + "faultCode without faultAt; "
                        + "add faultAt: TIME to say when the fault starts"));
            }
            Integer code = faultCode(a.get("faultCode"));
            if (code == null) {
                problems.add(new ConfigProblem(a.lineOf("faultCode"), who + "faultCode: " + a.get("faultCode")
                        + " is not a 16-bit code; expected e.g. 0xE5E5 or 0xFAFA"));
            } else {
                faultCode = code;
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new SensorScript(sensor.id(), sensor.quantity(), every, signal, silentAfter, faultAt, faultCode);
    }

    private static Duration duration(Options a, String key, String who, List<ConfigProblem> problems) {
        if (!a.has(key)) {
            return null;
        }
        try {
            return DurationText.parse(String.valueOf(a.get(key)));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(a.lineOf(key), who + key + ": " + e.getMessage()));
            return null;
        }
    }

    /** YAML reads 0xE5E5 as an integer already; a quoted "0xE5E5" arrives as text. */
    private static Integer faultCode(Object value) {
        long code;
        if (value instanceof Number n) {
            code = n.longValue();
        } else {
            String text = String.valueOf(value).trim().toLowerCase();
            try {
                code = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return code >= 0 && code <= 0xFFFF ? (int) code : null;
    }
}
