package dev.vigil.core.config;

import static dev.vigil.core.rules.LevelRule.Direction.ABOVE;

import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.rules.RateOfRiseRule;
import dev.vigil.core.rules.SmokeRule;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The defaults of every sensor type, in one place. docs/defaults.md explains each value with its
 * source and carries the table {@link #markdownTable()} prints (a test keeps them the same).
 */
public final class SensorTypeDefaults {

    /** Sensors are OFFLINE after this many expected intervals without a reading (one lost poll or frame is not a fault). */
    public static final int OFFLINE_INTERVALS = 3;

    private static final Map<SensorType, TypeDefaults> DEFAULTS = new EnumMap<>(SensorType.class);

    static {
        Duration s2 = Duration.ofSeconds(2);
        Duration s5 = Duration.ofSeconds(5);
        Duration s10 = Duration.ofSeconds(10);
        Duration s30 = Duration.ofSeconds(30);
        Duration m1 = Duration.ofMinutes(1);

        put(new TypeDefaults(SensorType.SMOKE, s30, List.of(), 0, Duration.ZERO, Duration.ZERO, null,
                new SmokeRule(s2, Severity.CRITICAL, true),
                OFFLINE_INTERVALS, null, 0.0, 1.0, true, Severity.WARNING,
                "2 s debounce leaves 8 s of the 10 s budget of GB 26875.1-2011 4.1.2.1; latching like a fire alarm panel"));

        put(new TypeDefaults(SensorType.RESIDUAL_CURRENT, s10,
                List.of(new LevelRule("warning", Severity.WARNING, ABOVE, 300, 270, s5, s5, false),
                        new LevelRule("alarm", Severity.ALARM, ABOVE, 500, 450, s5, s5, true)),
                30, s5, s5, null, null,
                OFFLINE_INTERVALS, null, 0.0, 1000.0, true, Severity.WARNING,
                "GB 50116-2013 9.2.3 (explanation): setting 300-500 mA, natural leakage 100-200 mA, factory default 300 mA with 5 s delay;"
                        + " product ranges to 1000 mA"));

        put(new TypeDefaults(SensorType.CABLE_TEMPERATURE, s10,
                List.of(new LevelRule("warning", Severity.WARNING, ABOVE, 60, 55, s5, s5, false),
                        new LevelRule("alarm", Severity.ALARM, ABOVE, 80, 75, s5, s5, true)),
                5, s5, s5, new RateOfRiseRule(8, m1, Severity.WARNING, Duration.ZERO), null,
                OFFLINE_INTERVALS, Duration.ofHours(24), -40.0, 150.0, true, Severity.WARNING,
                "GB 50116-2013 9.2.3: setting range 45-140 C; PVC insulation is rated 70 C (GB/T 5023 / IEC 60227);"
                        + " rate of rise as rate-of-rise heat detectors (about 15 F = 8 C per minute)"));

        put(new TypeDefaults(SensorType.PHASE_CURRENT, s10, List.of(), 0, s5, s5, null, null,
                OFFLINE_INTERVALS, null, 0.0, null, true, Severity.WARNING,
                "no default levels: the limit is the circuit's rated current, which only the installer knows"));

        put(new TypeDefaults(SensorType.WATER_DEPTH, s30,
                List.of(new LevelRule("light", Severity.WARNING, ABOVE, 3, 2, s30, m1, false),
                        new LevelRule("moderate", Severity.ALARM, ABOVE, 10, 9, s30, m1, false),
                        new LevelRule("severe", Severity.CRITICAL, ABOVE, 25, 24, s30, m1, false)),
                1, s30, m1, null, null,
                OFFLINE_INTERVALS, null, 0.0, 300.0, true, Severity.WARNING,
                "road waterlogging grades <3 none, 3-10 light, 10-25 moderate, >25 cm severe; GB 51222-2017 designs for at most 15 cm per lane"));

        put(new TypeDefaults(SensorType.DIGITAL_INPUT, s30, List.of(), 0, s2, s2, null, null,
                OFFLINE_INTERVALS, null, 0.0, 1.0, true, Severity.WARNING,
                "no default levels: what an active contact means (door, pump, supervision) depends on the site"));
    }

    private SensorTypeDefaults() {
    }

    private static void put(TypeDefaults d) {
        DEFAULTS.put(d.type(), d);
    }

    public static TypeDefaults of(SensorType type) {
        return DEFAULTS.get(type);
    }

    /** The defaults as the Markdown table in docs/defaults.md. */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder();
        b.append("| type | expectedInterval | levels (name severity raiseAt/clearAt onDelay/offDelay) | rateOfRise | smoke | offlineAfter | stuckAfter | physical range |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (TypeDefaults d : DEFAULTS.values()) {
            String unit = d.type().quantity().unit();
            b.append("| `").append(d.type().siteName()).append("` | ")
                    .append(Durations.format(d.expectedInterval())).append(" | ")
                    .append(levels(d, unit)).append(" | ")
                    .append(d.rateOfRise() == null ? "off"
                            : number(d.rateOfRise().perMinute()) + " " + unit + "/min over " + Durations.format(d.rateOfRise().window())
                                    + " " + d.rateOfRise().severity())
                    .append(" | ")
                    .append(d.smoke() == null ? "-"
                            : "debounce " + Durations.format(d.smoke().debounce()) + " " + d.smoke().severity()
                                    + (d.smoke().latching() ? " latching" : ""))
                    .append(" | ").append(d.offlineIntervals()).append(" x expectedInterval")
                    .append(" | ").append(d.stuckAfter() == null ? "off" : Durations.format(d.stuckAfter()))
                    .append(" | ").append(range(d, unit)).append(" |\n");
        }
        return b.toString();
    }

    private static String levels(TypeDefaults d, String unit) {
        if (d.levels().isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (LevelRule l : d.levels()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(l.name()).append(' ').append(l.severity()).append(' ')
                    .append(number(l.raiseAt())).append('/').append(number(l.clearAt())).append(' ').append(unit).append(' ')
                    .append(Durations.format(l.onDelay())).append('/').append(Durations.format(l.offDelay()))
                    .append(l.latching() ? " latching" : "");
        }
        return b.toString();
    }

    private static String range(TypeDefaults d, String unit) {
        String u = unit.isEmpty() ? "" : " " + unit;
        if (d.physicalMin() == null && d.physicalMax() == null) {
            return "no limit";
        }
        if (d.physicalMax() == null) {
            return ">= " + number(d.physicalMin()) + u;
        }
        if (d.physicalMin() == null) {
            return "<= " + number(d.physicalMax()) + u;
        }
        return number(d.physicalMin()) + " to " + number(d.physicalMax()) + u;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
