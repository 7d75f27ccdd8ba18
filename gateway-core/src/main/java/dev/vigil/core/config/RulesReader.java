package dev.vigil.core.config;

import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.FaultRules;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.rules.LevelRule.Direction;
import dev.vigil.core.rules.RateOfRiseRule;
import dev.vigil.core.rules.SensorRules;
import dev.vigil.core.rules.SmokeRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one sensor's {@code rules:} block on top of its type's defaults: a written {@code levels}
 * list replaces the default levels (a level named like a default one inherits its other fields),
 * written blocks override field by field, and anything omitted keeps the type default.
 */
final class RulesReader {

    static final List<String> RULES_KEYS = List.of("levels", "rateOfRise", "smoke", "faults");
    static final List<String> LEVEL_KEYS = List.of("name", "severity", "direction", "raiseAt", "clearAt", "onDelay", "offDelay", "latching");
    static final List<String> RATE_KEYS = List.of("perMinute", "window", "severity", "onDelay");
    static final List<String> SMOKE_KEYS = List.of("debounce", "severity", "latching");
    static final List<String> FAULT_KEYS = List.of("offlineAfter", "stuckAfter", "physicalMin", "physicalMax", "deviceFaults", "severity");

    /** GB 26875.1-2011 4.1.2.1: a fire alarm must reach the monitoring centre within 10 s. */
    static final Duration FIRE_ALARM_BUDGET = Duration.ofSeconds(10);

    private static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);

    private final Problems problems;
    private final NodeValues values;
    private final TypeDefaults defaults;
    private final String unitText;
    private final Duration expectedInterval;

    /**
     * @param defaults         the sensor type's defaults, or null when the type is unknown (rules are then
     *                         still checked for their own mistakes)
     * @param expectedInterval the sensor's expected interval (written or default)
     */
    RulesReader(Problems problems, NodeValues values, TypeDefaults defaults, Duration expectedInterval) {
        this.problems = problems;
        this.values = values;
        this.defaults = defaults;
        this.expectedInterval = expectedInterval;
        String unit = defaults == null ? "" : defaults.type().quantity().unit();
        this.unitText = unit.isEmpty() ? "a number" : "a number in " + unit;
    }

    /** The sensor's rules; {@code rules} is empty when the sensor has no rules block. */
    SensorRules read(Optional<YamlMap> rules) {
        if (rules.isEmpty()) {
            return defaults == null ? null : defaults.rules(expectedInterval);
        }
        YamlMap r = rules.get();
        r.allowOnly(RULES_KEYS);
        FaultRules faults = faults(r);
        List<LevelRule> levels = levels(r, faults);
        RateOfRiseRule rate = rateOfRise(r);
        SmokeRule smoke = smoke(r);
        return defaults == null ? null : new SensorRules(levels, rate, smoke, faults);
    }

    private boolean isSmoke() {
        return defaults != null && defaults.type() == SensorType.SMOKE;
    }

    private boolean isBoolean() {
        return defaults != null && defaults.type().quantity().isBoolean();
    }

    private String typeName() {
        return defaults == null ? "?" : defaults.type().siteName();
    }

    private List<LevelRule> levels(YamlMap r, FaultRules faults) {
        if (r.value("levels") == null) {
            return defaults == null ? List.of() : defaults.levels();
        }
        if (isSmoke()) {
            r.problem("levels", r.pathOf("levels") + ": a smoke sensor has no levels; set it with smoke: {debounce, severity, latching}");
            return List.of();
        }
        List<LevelRule> result = new ArrayList<>();
        Map<String, Node> nameLines = new HashMap<>();
        List<Node> items = r.list("levels", "levels of this sensor, each {name, severity, raiseAt, ...}");
        for (int i = 0; i < items.size(); i++) {
            String path = r.pathOf("levels") + "[" + i + "]";
            Optional<YamlMap> m = YamlMap.of(items.get(i), path, "name, severity, direction, raiseAt, clearAt, onDelay, offDelay, latching",
                    problems, values);
            if (m.isEmpty()) {
                continue;
            }
            LevelRule level = level(m.get(), nameLines, faults);
            if (level != null) {
                result.add(level);
            }
        }
        return result;
    }

    private LevelRule level(YamlMap m, Map<String, Node> nameLines, FaultRules faults) {
        int before = problems.count();
        m.allowOnly(LEVEL_KEYS);
        Optional<String> name = m.requiredText("name", "the level's name, e.g. warning or alarm");
        if (name.isPresent()) {
            Node first = nameLines.putIfAbsent(name.get(), m.value("name"));
            if (first != null) {
                m.problem("name", m.pathOf("name") + " \"" + name.get() + "\" is already used by another level of this sensor (line "
                        + problems.at(first).line() + "); each level of a sensor needs its own name");
            }
        }
        Optional<LevelRule> named = name.flatMap(n -> defaults == null ? Optional.empty() : defaults.level(n));
        Severity severity = severity(m, "severity").or(() -> named.map(LevelRule::severity)).orElse(null);
        if (severity == null && !m.has("severity")) {
            m.missing("severity", "one of " + severities() + " (only the default levels "
                    + (defaults == null ? "" : defaultLevelNames()) + " have a default severity)");
        }
        Direction direction = direction(m).or(() -> named.map(LevelRule::direction)).orElse(Direction.ABOVE);
        Optional<Double> raiseAt = m.requiredNumber("raiseAt", unitText + " at which the level is raised");
        Optional<Double> clearAt = m.number("clearAt", unitText + " below which (ABOVE) or above which (BELOW) the level clears");
        Duration onDelay = nonNegative(m, "onDelay").or(() -> named.map(LevelRule::onDelay))
                .orElse(defaults == null ? Duration.ZERO : defaults.onDelay());
        Duration offDelay = nonNegative(m, "offDelay").or(() -> named.map(LevelRule::offDelay))
                .orElse(defaults == null ? Duration.ZERO : defaults.offDelay());
        boolean latching = m.bool("latching").or(() -> named.map(LevelRule::latching)).orElse(false);
        if (raiseAt.isEmpty()) {
            return null;
        }
        double hysteresis = defaults == null ? 0 : defaults.hysteresis();
        double clear = clearAt.orElse(direction == Direction.ABOVE ? raiseAt.get() - hysteresis : raiseAt.get() + hysteresis);
        if (clearAt.isPresent()) {
            if (direction == Direction.ABOVE && clear > raiseAt.get()) {
                m.problem("clearAt", m.pathOf("clearAt") + " " + num(clear) + " is above raiseAt " + num(raiseAt.get())
                        + "; for an ABOVE level clearAt must be <= raiseAt");
            } else if (direction == Direction.BELOW && clear < raiseAt.get()) {
                m.problem("clearAt", m.pathOf("clearAt") + " " + num(clear) + " is below raiseAt " + num(raiseAt.get())
                        + "; for a BELOW level clearAt must be >= raiseAt");
            }
        }
        checkReachable(m, direction, raiseAt.get(), faults);
        if (problems.count() != before || name.isEmpty() || severity == null) {
            return null;
        }
        return new LevelRule(name.get(), severity, direction, raiseAt.get(), clear, onDelay, offDelay, latching);
    }

    private RateOfRiseRule rateOfRise(YamlMap r) {
        RateOfRiseRule fallback = defaults == null ? null : defaults.rateOfRise();
        if (r.value("rateOfRise") == null) {
            return fallback;
        }
        if (r.isOff("rateOfRise")) {
            return null;
        }
        if (isBoolean()) {
            r.problem("rateOfRise", r.pathOf("rateOfRise") + ": a " + typeName() + " sensor is an on/off input and has no rate of rise;"
                    + " remove rateOfRise");
            return null;
        }
        Optional<YamlMap> m = r.map("rateOfRise", "perMinute, window, severity, onDelay; or off");
        if (m.isEmpty()) {
            return fallback;
        }
        YamlMap rr = m.get();
        int before = problems.count();
        rr.allowOnly(RATE_KEYS);
        Optional<Double> perMinute = fallback != null ? rr.number("perMinute", unitText + " per minute")
                : rr.requiredNumber("perMinute", unitText + " per minute, e.g. 8");
        double per = perMinute.orElse(fallback == null ? 0 : fallback.perMinute());
        if (perMinute.isPresent() && per <= 0) {
            rr.problem("perMinute", rr.pathOf("perMinute") + " " + num(per) + " must be above 0; expected the rise per minute that is abnormal");
        }
        Duration window = positive(rr, "window").orElse(fallback == null ? DEFAULT_RATE_WINDOW : fallback.window());
        Severity severity = severity(rr, "severity").orElse(fallback == null ? Severity.WARNING : fallback.severity());
        Duration onDelay = nonNegative(rr, "onDelay").orElse(fallback == null ? Duration.ZERO : fallback.onDelay());
        return problems.count() == before ? new RateOfRiseRule(per, window, severity, onDelay) : null;
    }

    private SmokeRule smoke(YamlMap r) {
        SmokeRule fallback = defaults == null ? null : defaults.smoke();
        if (r.value("smoke") == null) {
            return fallback;
        }
        if (defaults != null && !isSmoke()) {
            r.problem("smoke", r.pathOf("smoke") + ": a " + typeName() + " sensor is not a smoke detector; smoke applies only to type smoke"
                    + (isBoolean() ? " (an input uses levels, e.g. {name: active, severity: WARNING, raiseAt: 1, clearAt: 1})" : ""));
            return null;
        }
        Optional<YamlMap> m = r.map("smoke", "debounce, severity, latching");
        if (m.isEmpty()) {
            return fallback;
        }
        YamlMap s = m.get();
        int before = problems.count();
        s.allowOnly(SMOKE_KEYS);
        SmokeRule base = fallback == null ? new SmokeRule(Duration.ofSeconds(2), Severity.CRITICAL, true) : fallback;
        Duration debounce = nonNegative(s, "debounce").orElse(base.debounce());
        if (debounce.compareTo(FIRE_ALARM_BUDGET) >= 0) {
            s.problem("debounce", s.pathOf("debounce") + " " + Durations.format(debounce) + " leaves no time to report a fire alarm within 10s"
                    + " (GB 26875.1-2011 4.1.2.1); expected a debounce well below 10s, e.g. 2s");
        }
        Severity severity = severity(s, "severity").orElse(base.severity());
        boolean latching = s.bool("latching").orElse(base.latching());
        return problems.count() == before ? new SmokeRule(debounce, severity, latching) : null;
    }

    private FaultRules faults(YamlMap r) {
        FaultRules base = defaults == null ? null : defaults.faults(expectedInterval);
        Optional<YamlMap> m = r.map("faults", "offlineAfter, stuckAfter, physicalMin, physicalMax, deviceFaults, severity");
        if (m.isEmpty()) {
            return base;
        }
        YamlMap f = m.get();
        int before = problems.count();
        f.allowOnly(FAULT_KEYS);
        Duration offlineAfter = f.isOff("offlineAfter") ? null
                : positive(f, "offlineAfter").orElse(base == null ? null : base.offlineAfter());
        if (f.has("offlineAfter") && offlineAfter != null && expectedInterval != null && offlineAfter.compareTo(expectedInterval) <= 0) {
            f.problem("offlineAfter", f.pathOf("offlineAfter") + " " + Durations.format(offlineAfter) + " is not longer than expectedInterval "
                    + Durations.format(expectedInterval) + "; the sensor would count as offline between two readings;"
                    + " expected at least 2 x expectedInterval (default " + SensorTypeDefaults.OFFLINE_INTERVALS + " x)");
        }
        Duration stuckAfter = f.isOff("stuckAfter") ? null
                : positive(f, "stuckAfter").orElse(base == null ? null : base.stuckAfter());
        Double physicalMin = f.isOff("physicalMin") ? null
                : f.number("physicalMin", unitText + ", or off").orElse(base == null ? null : base.physicalMin());
        Double physicalMax = f.isOff("physicalMax") ? null
                : f.number("physicalMax", unitText + ", or off").orElse(base == null ? null : base.physicalMax());
        if (physicalMin != null && physicalMax != null && physicalMin >= physicalMax && problems.count() == before) {
            String key = f.has("physicalMin") ? "physicalMin" : "physicalMax";
            f.problem(key, f.pathOf("physicalMin") + " " + num(physicalMin) + " is not below physicalMax " + num(physicalMax)
                    + "; expected physicalMin < physicalMax (the range the sensor can really measure)");
        }
        boolean deviceFaults = f.bool("deviceFaults").orElse(base == null || base.deviceFaults());
        Severity severity = severity(f, "severity").orElse(base == null ? Severity.WARNING : base.severity());
        if (problems.count() != before) {
            return null;
        }
        return new FaultRules(offlineAfter, stuckAfter, physicalMin, physicalMax, deviceFaults, severity);
    }

    /** A level the sensor can never reach is a typo in the making (e.g. 5000 mA on a 0-1000 mA monitor). */
    private void checkReachable(YamlMap m, Direction direction, double raiseAt, FaultRules faults) {
        if (faults == null) {
            return;
        }
        if (direction == Direction.ABOVE && faults.physicalMax() != null && raiseAt > faults.physicalMax()) {
            m.problem("raiseAt", m.pathOf("raiseAt") + " " + num(raiseAt) + " is above physicalMax " + num(faults.physicalMax())
                    + ", so it can never be raised; expected a raiseAt within the sensor's range"
                    + " (or a higher faults.physicalMax if the sensor measures further)");
        } else if (direction == Direction.BELOW && faults.physicalMin() != null && raiseAt < faults.physicalMin()) {
            m.problem("raiseAt", m.pathOf("raiseAt") + " " + num(raiseAt) + " is below physicalMin " + num(faults.physicalMin())
                    + ", so it can never be raised; expected a raiseAt within the sensor's range"
                    + " (or a lower faults.physicalMin if the sensor measures further)");
        }
    }

    private Optional<Severity> severity(YamlMap m, String key) {
        return m.text(key, "one of " + severities()).flatMap(text -> {
            try {
                return Optional.of(Severity.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                m.problem(key, m.pathOf(key) + " \"" + text + "\" is not a severity; expected one of " + severities()
                        + NearMiss.hint(text.toUpperCase(Locale.ROOT), Arrays.stream(Severity.values()).map(Enum::name).toList()));
                return Optional.empty();
            }
        });
    }

    private Optional<Direction> direction(YamlMap m) {
        return m.text("direction", "ABOVE or BELOW").flatMap(text -> {
            try {
                return Optional.of(Direction.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                m.problem("direction", m.pathOf("direction") + " \"" + text + "\" is not a direction; expected ABOVE (raise when the value"
                        + " rises to raiseAt) or BELOW (raise when it falls to raiseAt)");
                return Optional.empty();
            }
        });
    }

    private Optional<Duration> nonNegative(YamlMap m, String key) {
        return m.duration(key);
    }

    private Optional<Duration> positive(YamlMap m, String key) {
        Optional<Duration> d = m.duration(key);
        if (d.isPresent() && d.get().isZero()) {
            m.problem(key, m.pathOf(key) + " must be longer than 0s; expected " + Durations.EXPECTED + (m.path().endsWith("faults") ? ", or off" : ""));
            return Optional.empty();
        }
        return d;
    }

    private String defaultLevelNames() {
        return defaults.levels().isEmpty() ? "(this type has none)"
                : String.join(", ", defaults.levels().stream().map(LevelRule::name).toList());
    }

    private static String severities() {
        return "INFO, WARNING, ALARM, CRITICAL";
    }

    static String num(double v) {
        return SensorTypeDefaults.number(v);
    }
}
