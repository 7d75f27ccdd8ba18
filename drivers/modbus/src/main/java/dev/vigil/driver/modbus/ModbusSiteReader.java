package dev.vigil.driver.modbus;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Durations;
import dev.vigil.core.config.NearMiss;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SensorType;
import dev.vigil.core.config.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a modbus-rtu bus's options and its sensors' addresses into a {@link ModbusSite}, or lists
 * every problem with file:line (of the site file or of the profile at fault).
 */
public final class ModbusSiteReader {

    static final List<String> BUS_KEYS = List.of("port", "baud", "parity", "dataBits", "stopBits", "timeout", "retries",
            "profilesDir", "pollInterval", "maxGap", "failuresToFault", "maxBackoff");
    static final List<String> ADDRESS_KEYS = List.of("slave", "profile", "point", "interval", "timeout");
    static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);

    /** A site, or its problems. */
    public record Result(Optional<ModbusSite> site, List<ConfigProblem> problems) {
    }

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final ProfileLibrary library;

    private ModbusSiteReader(ProfileLibrary library) {
        this.library = library;
    }

    public static Result read(BusConfig bus, List<SensorConfig> sensors) {
        return new ModbusSiteReader(new ProfileLibrary()).run(bus, sensors);
    }

    private Result run(BusConfig bus, List<SensorConfig> sensors) {
        String where = "bus \"" + bus.id() + "\"";
        Options o = bus.options();
        for (String key : o.values().keySet()) {
            if (!BUS_KEYS.contains(key)) {
                add(o.lineOf(key), where + " option \"" + key + "\" is not a modbus-rtu option; expected one of " + String.join(", ", BUS_KEYS));
            }
        }
        String port = o.string("port", null);
        if (port == null || port.isBlank()) {
            add(o.origin(), where + " has no port; expected the serial device's path, e.g. port: /dev/ttyUSB0");
        }
        int baud = integer(o, "baud", BusSettings.DEFAULT_BAUD, 0, Integer.MAX_VALUE, where);
        if (o.has("baud") && !BAUDS.contains(baud)) {
            add(o.lineOf("baud"), where + " baud " + o.get("baud") + " is not a serial speed; expected one of " + new TreeSet<>(BAUDS));
        }
        SerialSettings.Parity parity = SerialSettings.Parity.EVEN;
        String p = o.string("parity", BusSettings.DEFAULT_PARITY).toLowerCase(Locale.ROOT);
        switch (p) {
            case "none", "n" -> parity = SerialSettings.Parity.NONE;
            case "even", "e" -> parity = SerialSettings.Parity.EVEN;
            case "odd", "o" -> parity = SerialSettings.Parity.ODD;
            default -> add(o.lineOf("parity"), where + " parity \"" + o.get("parity") + "\" is unknown; expected none, even or odd");
        }
        int dataBits = integer(o, "dataBits", 8, 7, 8, where);
        int stopBits = integer(o, "stopBits", 1, 1, 2, where);
        Duration timeout = duration(o, "timeout", BusSettings.DEFAULT_TIMEOUT, Duration.ofMillis(10), Duration.ofSeconds(2), where);
        int retries = integer(o, "retries", BusSettings.DEFAULT_RETRIES, 0, 5, where);
        Duration pollInterval = duration(o, "pollInterval", BusSettings.DEFAULT_POLL_INTERVAL, Duration.ofMillis(50), Duration.ofHours(24), where);
        int maxGap = integer(o, "maxGap", BusSettings.DEFAULT_MAX_GAP, 0, RtuRequest.MAX_READ - 2, where);
        int failuresToFault = integer(o, "failuresToFault", BusSettings.DEFAULT_FAILURES_TO_FAULT, 1, 100, where);
        Duration maxBackoff = duration(o, "maxBackoff", BusSettings.DEFAULT_MAX_BACKOFF, Duration.ofSeconds(1), Duration.ofHours(24), where);
        Optional<Path> profilesDir = profilesDir(o, where);

        BusSettings settings = new BusSettings(port, new SerialSettings(baud, dataBits, parity, stopBits), timeout, retries,
                profilesDir.orElse(null), pollInterval, maxGap, failuresToFault, maxBackoff);
        List<BoundSensor> bound = new ArrayList<>();
        Map<Integer, DeviceProfile> profileBySlave = new HashMap<>();
        Map<Integer, SourceRef> profileLineBySlave = new HashMap<>();
        Map<Integer, Duration> timeoutBySlave = new HashMap<>();
        Map<String, SensorConfig> pointsSeen = new HashMap<>();
        for (SensorConfig s : sensors) {
            BoundSensor b = sensor(s, settings, profilesDir);
            if (b == null) {
                continue;
            }
            String key = b.slave() + "/" + b.point().name();
            SensorConfig first = pointsSeen.putIfAbsent(key, s);
            if (first != null) {
                add(s.address().lineOf("point"), "sensor \"" + s.id() + "\" reads slave " + b.slave() + " point " + b.point().name()
                        + ", which sensor \"" + first.id() + "\" (" + first.address().lineOf("point") + ") already reads; expected each point once");
                continue;
            }
            DeviceProfile other = profileBySlave.putIfAbsent(b.slave(), b.profile());
            if (other != null && !other.name().equals(b.profile().name())) {
                add(s.address().lineOf("profile"), "sensor \"" + s.id() + "\" says slave " + b.slave() + " on bus \"" + bus.id()
                        + "\" is a " + b.profile().name() + ", but " + profileLineBySlave.get(b.slave()) + " says it is a "
                        + other.name() + "; expected one device type per slave address");
                continue;
            }
            profileLineBySlave.putIfAbsent(b.slave(), s.address().lineOf("profile"));
            Duration slaveTimeout = s.address().has("timeout")
                    ? duration(s.address(), "timeout", timeout, Duration.ofMillis(10), Duration.ofSeconds(2), "sensor \"" + s.id() + "\" address")
                    : timeout;
            timeoutBySlave.merge(b.slave(), slaveTimeout, (a, c) -> a.compareTo(c) >= 0 ? a : c);
            bound.add(b);
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems));
        }
        return new Result(Optional.of(new ModbusSite(bus.id(), settings, bound, profileBySlave, timeoutBySlave)), List.of());
    }

    private BoundSensor sensor(SensorConfig s, BusSettings settings, Optional<Path> profilesDir) {
        int before = problems.size();
        Options a = s.address();
        String who = "sensor \"" + s.id() + "\" address";
        Object slaveValue = a.get("slave");
        int slave = 0;
        if (slaveValue == null) {
            add(a.origin(), who + " has no slave; expected the Modbus unit address 1..247, e.g. {slave: 3, profile: acrel-aim-r100, point: loop1.current}");
        } else {
            Optional<Long> v = asLong(slaveValue);
            if (v.isEmpty() || v.get() < 1 || v.get() > 247) {
                add(a.lineOf("slave"), who + " slave " + slaveValue + " is outside 1..247; expected the Modbus unit address set on the device");
            } else {
                slave = v.get().intValue();
            }
        }
        String profileName = a.string("profile", null);
        String pointName = a.string("point", null);
        DeviceProfile profile = null;
        PointSpec point = null;
        if (profileName == null) {
            add(a.origin(), who + " has no profile; expected the device type, one of " + library.names(profilesDir));
        } else if (profilesDir.isPresent()) {
            ProfileLoader.Loaded loaded = library.get(profilesDir.get(), profileName);
            if (loaded == null) {
                add(a.lineOf("profile"), who + " profile \"" + profileName + "\" is not in " + profilesDir.get()
                        + "; expected one of " + library.names(profilesDir) + " (or write " + profileName + ".yaml there)");
            } else if (loaded.profile().isEmpty()) {
                add(a.lineOf("profile"), who + " profile \"" + profileName + "\" has errors (listed with its file and line)");
                for (ConfigProblem p : loaded.problems()) {
                    if (!problems.contains(p)) {
                        problems.add(p);
                    }
                }
            } else {
                profile = loaded.profile().get();
            }
        }
        if (pointName == null) {
            add(a.origin(), who + " has no point; expected which value of the profile to read"
                    + (profile == null ? "" : ", one of " + String.join(", ", profile.points().keySet())));
        } else if (profile != null) {
            point = profile.point(pointName).orElse(null);
            if (point == null) {
                add(a.lineOf("point"), who + " point \"" + pointName + "\" is not in profile " + profile.name() + " ("
                        + profile.where().file() + ")" + closest(pointName, profile.points().values().stream()
                                .filter(p -> p.quantity() == s.quantity()).map(PointSpec::name).toList()));
            } else if (point.quantity() == null) {
                add(a.lineOf("point"), who + " point \"" + pointName + "\" of profile " + profile.name() + " (" + point.where()
                        + ") is a device setting, not a measurement; expected a point with a quantity");
            } else if (point.quantity() != s.quantity()) {
                add(a.lineOf("point"), who + " point \"" + pointName + "\" measures " + siteName(point) + " but the sensor is a "
                        + s.type() + "; expected a " + s.type() + " point of " + profile.name());
            }
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        List<String> allowed = new ArrayList<>(ADDRESS_KEYS);
        if (point != null && point.subtractFrom() != null) {
            String param = point.subtractFrom();
            allowed.add(param);
            Optional<Double> v = Optional.ofNullable(a.get(param)).flatMap(ModbusSiteReader::asDouble);
            if (v.isEmpty()) {
                add(a.has(param) ? a.lineOf(param) : a.origin(), who + " needs " + param + ": a number, because point " + pointName
                        + " of " + profile.name() + " (" + point.where() + ") is subtracted from it");
            } else {
                parameters.put(param, v.get());
            }
        }
        for (String key : a.values().keySet()) {
            if (!allowed.contains(key)) {
                add(a.lineOf(key), who + " key \"" + key + "\" is not a modbus-rtu address key; expected " + String.join(", ", allowed));
            }
        }
        Duration interval = a.has("interval")
                ? duration(a, "interval", settings.pollInterval(), Duration.ofMillis(50), Duration.ofHours(24), who)
                : settings.pollInterval();
        if (s.expectedInterval() != null && interval.compareTo(s.expectedInterval()) > 0) {
            add(a.has("interval") ? a.lineOf("interval") : s.where(), "sensor \"" + s.id() + "\" is polled every "
                    + Durations.format(interval) + " but expected every " + Durations.format(s.expectedInterval())
                    + "; it would be reported offline. Expected an interval (or the bus's pollInterval) of at most the expectedInterval");
        }
        if (problems.size() != before || profile == null || point == null) {
            return null;
        }
        return new BoundSensor(s.id(), s.quantity(), slave, profile, point, parameters, interval, s.where());
    }

    /** "; did you mean X? expected one of ..." over the points a sensor of this type can read. */
    static String closest(String written, List<String> candidates) {
        if (candidates.isEmpty()) {
            return "; it has no point for this sensor type";
        }
        String hint = NearMiss.hint(written, candidates);
        List<String> shown = candidates.size() > 12 ? candidates.subList(0, 12) : candidates;
        return hint + "; expected one of " + String.join(", ", shown) + (candidates.size() > shown.size()
                ? ", ... (" + candidates.size() + " points for this sensor type)" : "");
    }

    private static String siteName(PointSpec p) {
        return SensorType.siteNames().stream().filter(n -> SensorType.bySiteName(n).get().quantity() == p.quantity())
                .findFirst().orElse(p.quantity().name());
    }

    private Optional<Path> profilesDir(Options o, String where) {
        if (o.has("profilesDir")) {
            Path dir = o.path("profilesDir").get();
            if (!Files.isDirectory(dir)) {
                add(o.lineOf("profilesDir"), where + " profilesDir " + dir + " is not a directory; expected the directory of the device profiles");
                return Optional.empty();
            }
            return Optional.of(dir);
        }
        List<Path> candidates = defaultProfileDirs(o);
        for (Path c : candidates) {
            if (Files.isDirectory(c)) {
                return Optional.of(c);
            }
        }
        add(o.origin(), where + " has no profilesDir and none of " + candidates + " is a directory; expected profilesDir: <directory of the device profiles>");
        return Optional.empty();
    }

    /** config/profiles next to the site file, profiles next to it, then config/profiles in the working directory. */
    static List<Path> defaultProfileDirs(Options o) {
        Options withDefault = new Options(Map.of("profilesDir", BusSettings.DEFAULT_PROFILES_DIR),
                Map.of("profilesDir", o.origin()), o.origin());
        List<Path> out = new ArrayList<>();
        out.add(withDefault.path("profilesDir").get());
        Path site = Path.of(o.origin().file()).toAbsolutePath().getParent();
        if (site != null && o.origin().line() > 0) {
            out.add(site.resolve("profiles"));
        }
        Path cwd = Path.of(BusSettings.DEFAULT_PROFILES_DIR).toAbsolutePath();
        if (!out.contains(cwd)) {
            out.add(cwd);
        }
        return out;
    }

    private int integer(Options o, String key, int fallback, int min, int max, String where) {
        if (!o.has(key)) {
            return fallback;
        }
        Optional<Long> v = asLong(o.get(key));
        if (v.isEmpty() || v.get() < min || v.get() > max) {
            add(o.lineOf(key), where + " " + key + " \"" + o.get(key) + "\" must be a whole number in " + min + ".." + max);
            return fallback;
        }
        return v.get().intValue();
    }

    private Duration duration(Options o, String key, Duration fallback, Duration min, Duration max, String where) {
        if (!o.has(key)) {
            return fallback;
        }
        Optional<Duration> d = Durations.parse(String.valueOf(o.get(key)));
        if (d.isEmpty() || d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
            add(o.lineOf(key), where + " " + key + " \"" + o.get(key) + "\" must be a duration from " + Durations.format(min)
                    + " to " + Durations.format(max) + "; " + Durations.EXPECTED);
            return fallback;
        }
        return d.get();
    }

    static Optional<Long> asLong(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof java.math.BigInteger b) {
            return b.bitLength() < 63 ? Optional.of(b.longValue()) : Optional.empty();
        }
        if (v instanceof String s) {
            return ProfileLoader.parseLong(s);
        }
        return Optional.empty();
    }

    static Optional<Double> asDouble(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void add(SourceRef where, String message) {
        problems.add(new ConfigProblem(where, message));
    }
}
