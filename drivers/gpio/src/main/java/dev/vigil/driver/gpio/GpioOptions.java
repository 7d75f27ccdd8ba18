package dev.vigil.driver.gpio;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Durations;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SourceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks a gpio bus's options and its sensors' addresses (docs/gpio.md), collecting
 * every problem with its file:line. The same reading serves {@code vigil validate} and the driver.
 */
final class GpioOptions {

    static final List<String> BUS_KEYS = List.of("provider", "outputs");
    static final List<String> OUTPUT_KEYS = List.of("pin", "activeLevel");
    static final List<String> ADDRESS_KEYS = List.of("pin", "activeLevel", "pull", "debounce", "supervision");
    static final List<String> SUPERVISION_KEYS = List.of("pin", "closedLevel", "pull");

    /** Pins on the 40-pin header of a Raspberry Pi 4/5 usable here: BCM 2..27 (0 and 1 are the HAT ID EEPROM's I2C). */
    static final int FIRST_PIN = 2;
    static final int LAST_PIN = 27;
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(50);
    static final Duration MAX_DEBOUNCE = Duration.ofSeconds(10);
    public static final GpioProvider DEFAULT_PROVIDER = GpioProvider.GPIOD;

    private final List<ConfigProblem> problems = new ArrayList<>();
    /** pin -> who uses it and where */
    private final Map<Integer, String> usedBy = new LinkedHashMap<>();
    private final Map<Integer, SourceRef> usedAt = new LinkedHashMap<>();
    private GpioBusSettings settings;

    private GpioOptions() {
    }

    static GpioOptions read(BusConfig bus, List<SensorConfig> sensors) {
        GpioOptions o = new GpioOptions();
        o.settings = o.bus(bus, sensors);
        return o;
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** @throws IllegalArgumentException listing the problems when there are any */
    GpioBusSettings settings() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("gpio bus has configuration problems: " + problems);
        }
        return settings;
    }

    private GpioBusSettings bus(BusConfig bus, List<SensorConfig> sensors) {
        Options o = bus.options();
        unknownKeys(o, "", BUS_KEYS, "bus " + bus.id());
        GpioProvider provider = DEFAULT_PROVIDER;
        if (o.has("provider")) {
            String name = String.valueOf(o.get("provider"));
            Optional<GpioProvider> p = GpioProvider.bySiteName(name);
            if (p.isEmpty()) {
                problem(o.lineOf("provider"), "bus " + bus.id() + ": provider \"" + name + "\" is not a GPIO provider; expected one of "
                        + String.join(", ", GpioProvider.siteNames()) + " (default " + DEFAULT_PROVIDER.siteName() + ")");
            } else {
                provider = p.get();
            }
        }
        List<InputSettings> inputs = new ArrayList<>();
        for (SensorConfig s : sensors) {
            InputSettings in = input(s);
            if (in != null) {
                inputs.add(in);
            }
        }
        List<OutputSettings> outputs = outputs(bus);
        return new GpioBusSettings(bus.id(), provider, inputs, outputs);
    }

    private List<OutputSettings> outputs(BusConfig bus) {
        Options o = bus.options();
        List<OutputSettings> result = new ArrayList<>();
        if (!o.has("outputs")) {
            return result;
        }
        if (!(o.get("outputs") instanceof Map<?, ?> declared)) {
            problem(o.lineOf("outputs"), "bus " + bus.id() + ": outputs must be a mapping of output ids to pins, e.g."
                    + " outputs: {siren-1: {pin: 27, activeLevel: high}}");
            return result;
        }
        for (Map.Entry<?, ?> e : declared.entrySet()) {
            String id = String.valueOf(e.getKey());
            String prefix = "outputs." + id;
            SourceRef where = line(o, prefix);
            String what = "output " + id + " of bus " + bus.id();
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                problem(where, what + " must be a mapping such as {pin: 27, activeLevel: high}");
                continue;
            }
            unknownKeys(m, o, prefix, OUTPUT_KEYS, what);
            Integer pin = pin(m, o, prefix, what);
            Boolean activeHigh = level(m, "activeLevel", o, prefix, what, true);
            if (pin != null) {
                claim(pin, what, line(o, prefix + ".pin"));
            }
            if (pin != null && activeHigh != null) {
                result.add(new OutputSettings(id, pin, activeHigh, where));
            }
        }
        return result;
    }

    private InputSettings input(SensorConfig s) {
        Options a = s.address();
        String what = "sensor " + s.id();
        int before = problems.size();
        if (!s.quantity().isBoolean()) {
            problem(s.where(), what + " of type " + s.type() + " cannot be read from a GPIO pin; expected a contact sensor"
                    + " (type smoke or digital-input) on a gpio bus");
            return null;
        }
        Map<String, Object> m = a.values();
        unknownKeys(m, a, "", ADDRESS_KEYS, what + " address");
        if (!a.has("pin")) {
            problem(a.origin().line() > 0 ? a.origin() : s.where(), what + ": address needs pin: <BCM number> of the detector's"
                    + " alarm contact, e.g. address: {pin: 17, activeLevel: low}");
        }
        Integer pin = a.has("pin") ? pin(m, a, "", what) : null;
        Boolean activeHigh = level(m, "activeLevel", a, "", what, false);
        GpioLines.Pull pull = pull(m, a, "", what);
        Duration debounce = debounce(m, a, what);
        InputSettings.Supervision supervision = supervision(a, what);
        if (pin != null) {
            claim(pin, what, line(a, "pin"));
        }
        if (problems.size() != before || pin == null) {
            return null;
        }
        Duration refresh = s.expectedInterval() == null ? Duration.ofSeconds(30) : s.expectedInterval();
        return new InputSettings(s.id(), s.quantity(), pin, activeHigh, pull, debounce, refresh, supervision, s.where());
    }

    private InputSettings.Supervision supervision(Options a, String what) {
        if (!a.has("supervision")) {
            return null;
        }
        String w = what + " supervision";
        if (!(a.get("supervision") instanceof Map<?, ?> m)) {
            problem(a.lineOf("supervision"), w + " must be a mapping such as {pin: 18, closedLevel: low}");
            return null;
        }
        unknownKeys(m, a, "supervision", SUPERVISION_KEYS, w);
        if (!m.containsKey("pin")) {
            problem(a.lineOf("supervision"), w + ": pin is missing; expected pin: <BCM number> of the supervision contact");
            return null;
        }
        Integer pin = pin(m, a, "supervision", w);
        Boolean closedHigh = level(m, "closedLevel", a, "supervision", w, false);
        GpioLines.Pull pull = pull(m, a, "supervision", w);
        if (pin == null || closedHigh == null || pull == null) {
            return null;
        }
        claim(pin, w, line(a, "supervision.pin"));
        return new InputSettings.Supervision(pin, closedHigh, pull);
    }

    private Integer pin(Map<?, ?> m, Options o, String prefix, String what) {
        Object v = m.get("pin");
        SourceRef where = line(o, key(prefix, "pin"));
        if (v == null) {
            problem(where, what + ": pin is missing; expected pin: <BCM number> from " + FIRST_PIN + " to " + LAST_PIN);
            return null;
        }
        if (!(v instanceof Integer pin)) {
            problem(where, what + ": pin " + shown(v) + " is not a BCM GPIO number; expected a whole number from " + FIRST_PIN
                    + " to " + LAST_PIN + " (the GPIO number, not the header position; see docs/gpio.md)");
            return null;
        }
        if (pin < FIRST_PIN || pin > LAST_PIN) {
            problem(where, what + ": pin " + pin + " is not usable; expected BCM " + FIRST_PIN + " to " + LAST_PIN
                    + (pin == 0 || pin == 1 ? " (BCM 0 and 1 are reserved for the HAT ID EEPROM)" : " (the 40-pin header's GPIOs)"));
            return null;
        }
        return pin;
    }

    private Boolean level(Map<?, ?> m, String key, Options o, String prefix, String what, boolean highByDefault) {
        Object v = m.get(key);
        if (v == null) {
            return highByDefault;
        }
        String s = String.valueOf(v).toLowerCase(Locale.ROOT);
        if (s.equals("high")) {
            return true;
        }
        if (s.equals("low")) {
            return false;
        }
        problem(line(o, key(prefix, key)), what + ": " + key + " " + shown(v) + " is not a level; expected high or low");
        return null;
    }

    private GpioLines.Pull pull(Map<?, ?> m, Options o, String prefix, String what) {
        Object v = m.get("pull");
        if (v == null) {
            return GpioLines.Pull.UP;
        }
        String s = String.valueOf(v).toUpperCase(Locale.ROOT);
        for (GpioLines.Pull p : GpioLines.Pull.values()) {
            if (p.name().equals(s) || (v instanceof Boolean b && !b && p == GpioLines.Pull.OFF)) {
                return p;
            }
        }
        problem(line(o, key(prefix, "pull")), what + ": pull " + shown(v) + " is not a bias; expected up, down or off");
        return null;
    }

    private Duration debounce(Map<?, ?> m, Options o, String what) {
        Object v = m.get("debounce");
        if (v == null) {
            return DEFAULT_DEBOUNCE;
        }
        Optional<Duration> d = v instanceof String s ? Durations.parse(s) : Optional.empty();
        if (d.isEmpty() || d.get().compareTo(MAX_DEBOUNCE) > 0) {
            problem(line(o, "debounce"), what + ": debounce " + shown(v) + " is not a debounce time; expected "
                    + Durations.EXPECTED + " up to " + Durations.format(MAX_DEBOUNCE) + " (default "
                    + Durations.format(DEFAULT_DEBOUNCE) + ")");
            return null;
        }
        return d.get();
    }

    private void claim(int pin, String what, SourceRef where) {
        String first = usedBy.putIfAbsent(pin, what);
        if (first != null) {
            SourceRef firstAt = usedAt.get(pin);
            String at = firstAt.file().equals(where.file()) ? "line " + firstAt.line() : firstAt.toString();
            problem(where, what + ": GPIO " + pin + " is already used by " + first + " (" + at
                    + "); expected each pin to be used once");
        } else {
            usedAt.put(pin, where);
        }
    }

    private void unknownKeys(Options o, String prefix, List<String> allowed, String what) {
        unknownKeys(o.values(), o, prefix, allowed, what);
    }

    private void unknownKeys(Map<?, ?> m, Options o, String prefix, List<String> allowed, String what) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                problem(line(o, key(prefix, String.valueOf(k))), what + ": unknown key " + k + "; allowed keys: "
                        + String.join(", ", allowed));
            }
        }
    }

    /** The line of a (nested, dotted) key, or of its closest written parent. */
    private static SourceRef line(Options o, String key) {
        String k = key;
        while (!k.isEmpty()) {
            if (o.lines().containsKey(k)) {
                return o.lines().get(k);
            }
            int dot = k.lastIndexOf('.');
            k = dot < 0 ? "" : k.substring(0, dot);
        }
        return o.origin();
    }

    private static String key(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static String shown(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private void problem(SourceRef where, String message) {
        problems.add(new ConfigProblem(where, message));
    }
}
