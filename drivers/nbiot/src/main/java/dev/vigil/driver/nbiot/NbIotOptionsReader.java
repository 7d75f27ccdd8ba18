package dev.vigil.driver.nbiot;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Durations;
import dev.vigil.core.config.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads and checks an {@code nbiot} bus's options; every problem names its file:line. */
final class NbIotOptionsReader {

    static final Set<String> KEYS = Set.of("port", "baud", "commandTimeout", "signalPollInterval", "attachTimeout",
            "drainInterval", "psm", "apn");
    private static final Set<Integer> BAUDS = Set.of(4800, 9600, 19200, 38400, 57600, 115200);
    private static final Pattern APN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private final BusConfig bus;
    private final Options options;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private NbIotOptionsReader(BusConfig bus) {
        this.bus = bus;
        this.options = bus.options();
    }

    /** The options, or the problems with them. */
    record Result(Optional<NbIotOptions> options, List<ConfigProblem> problems) {
    }

    static Result read(BusConfig bus) {
        return new NbIotOptionsReader(bus).read();
    }

    private Result read() {
        for (String key : options.values().keySet()) {
            if (!KEYS.contains(key)) {
                problem(key, "unknown option '" + key + "' of nbiot bus '" + bus.id() + "'; known options: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String port = port();
        int baud = baud();
        Duration commandTimeout = duration("commandTimeout", NbIotOptions.DEFAULT_COMMAND_TIMEOUT);
        Duration poll = duration("signalPollInterval", NbIotOptions.DEFAULT_SIGNAL_POLL_INTERVAL);
        Duration attach = duration("attachTimeout", NbIotOptions.DEFAULT_ATTACH_TIMEOUT);
        Duration drain = duration("drainInterval", NbIotOptions.DEFAULT_DRAIN_INTERVAL);
        Optional<NbIotOptions.Psm> psm = psm();
        Optional<String> apn = apn();
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems));
        }
        return new Result(Optional.of(new NbIotOptions(port, baud, commandTimeout, poll, attach, drain, psm, apn)),
                List.of());
    }

    private String port() {
        Object v = options.get("port");
        if (v == null || v.toString().isBlank()) {
            problems.add(new ConfigProblem(options.lineOf("port"), "nbiot bus '" + bus.id()
                    + "' needs 'port': the modem's serial port, e.g. /dev/ttyUSB0 or /dev/serial0"));
            return "";
        }
        if (!(v instanceof String s) || !s.startsWith("/")) {
            problem("port", "port of nbiot bus '" + bus.id() + "' must be an absolute device path such as "
                    + "/dev/ttyUSB0, found '" + v + "'");
            return "";
        }
        return s;
    }

    private int baud() {
        Object v = options.get("baud");
        if (v == null) {
            return NbIotOptions.DEFAULT_BAUD;
        }
        if (v instanceof Integer b && BAUDS.contains(b)) {
            return b;
        }
        problem("baud", "baud of nbiot bus '" + bus.id() + "' must be one of "
                + BAUDS.stream().sorted().map(String::valueOf).toList() + ", found '" + v + "'");
        return NbIotOptions.DEFAULT_BAUD;
    }

    private Duration duration(String key, Duration fallback) {
        return duration(key, options.get(key), fallback);
    }

    private Duration duration(String key, Object v, Duration fallback) {
        if (v == null) {
            return fallback;
        }
        Optional<Duration> d = Durations.parse(v.toString());
        if (d.isEmpty()) {
            problem(key, key + " of nbiot bus '" + bus.id() + "' must be " + Durations.EXPECTED + ", found '" + v + "'");
            return fallback;
        }
        if (d.get().compareTo(MIN_INTERVAL) < 0) {
            problem(key, key + " of nbiot bus '" + bus.id() + "' must be at least 100ms, found '" + v + "'");
            return fallback;
        }
        return d.get();
    }

    private Optional<NbIotOptions.Psm> psm() {
        Object v = options.get("psm");
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> block)) {
            problem("psm", "psm of nbiot bus '" + bus.id() + "' must be a block with 'tau' and 'activeTime', e.g. "
                    + "{tau: 1h, activeTime: 10s}, found '" + v + "'");
            return Optional.empty();
        }
        for (Object key : block.keySet()) {
            if (!Set.of("tau", "activeTime").contains(String.valueOf(key))) {
                problem("psm." + key, "unknown psm option '" + key + "' of nbiot bus '" + bus.id()
                        + "'; known: tau, activeTime");
            }
        }
        Duration tau = psmTimer(block, "tau", PsmTimers::tau, PsmTimers.TAU_EXPECTED);
        Duration active = psmTimer(block, "activeTime", PsmTimers::activeTime, PsmTimers.ACTIVE_EXPECTED);
        return tau == null || active == null ? Optional.empty() : Optional.of(new NbIotOptions.Psm(tau, active));
    }

    private Duration psmTimer(Map<?, ?> block, String key, Function<Duration, Optional<String>> encode,
            String expected) {
        String path = "psm." + key;
        Object v = block.get(key);
        if (v == null) {
            problems.add(new ConfigProblem(options.lineOf("psm"), "psm of nbiot bus '" + bus.id() + "' needs '" + key
                    + "' (" + expected + ")"));
            return null;
        }
        Optional<Duration> d = Durations.parse(v.toString());
        if (d.isEmpty() || encode.apply(d.get()).isEmpty()) {
            problem(path, path + " of nbiot bus '" + bus.id() + "' must be " + expected
                    + " (3GPP TS 24.008 timer encoding), found '" + v + "'");
            return null;
        }
        return d.get();
    }

    private Optional<String> apn() {
        Object v = options.get("apn");
        if (v == null) {
            return Optional.empty();
        }
        if (!APN.matcher(v.toString()).matches()) {
            problem("apn", "apn of nbiot bus '" + bus.id() + "' must be 1-63 letters, digits, dots or hyphens, found '"
                    + v + "'");
            return Optional.empty();
        }
        return Optional.of(v.toString());
    }

    private void problem(String key, String message) {
        problems.add(new ConfigProblem(options.lineOf(key), message));
    }
}
