package dev.vigil.sim.scenario;

import dev.vigil.sim.device.LoopKind;
import dev.vigil.sim.gpio.GpioBank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a scenario YAML file (format in docs/simulator.md); every error names file:line and the key. */
public final class ScenarioParser {

    /** Event name -> what its target must be, and the parameters it accepts. */
    private enum Event {
        SMOKE("smoke", Target.INPUT_PIN),
        CLEAR("clear", Target.INPUT_PIN),
        CHATTER("chatter", Target.INPUT_PIN, "periodMs"),
        RAIN("rain", Target.FLOOD_POINT, "mmPerHour"),
        DRAIN_BLOCKED("drain-blocked", Target.FLOOD_POINT),
        LEAK("leak", Target.CURRENT_LOOP, "ma"),
        HOT_JOINT("hot-joint", Target.TEMPERATURE_LOOP, "extraRise"),
        LOAD("load", Target.CIRCUIT, "fraction"),
        SILENT("silent", Target.SLAVE),
        LATE("late", Target.SLAVE, "delayMs"),
        BAD_CRC("bad-crc", Target.SLAVE),
        GARBAGE("garbage", Target.SLAVE),
        STUCK("stuck", Target.SLAVE),
        SENSOR_FAULT("sensor-fault", Target.FAULTABLE, "code"),
        UNPLUG("unplug", Target.BUS),
        MODEM_DEREGISTER("modem-deregister", Target.MODEM),
        MODEM_SIGNAL("modem-signal", Target.MODEM, "csq"),
        MODEM_DROP("modem-drop", Target.MODEM, "count"),
        NOTE("note", Target.NONE, "text");

        final String yamlName;
        final Target target;
        final Set<String> params;

        Event(String yamlName, Target target, String... params) {
            this.yamlName = yamlName;
            this.target = target;
            this.params = Set.of(params);
        }

        static Event named(String name) {
            for (Event e : values()) {
                if (e.yamlName.equals(name)) {
                    return e;
                }
            }
            return null;
        }
    }

    private enum Target { INPUT_PIN, FLOOD_POINT, CURRENT_LOOP, TEMPERATURE_LOOP, CIRCUIT, SLAVE, FAULTABLE, BUS, MODEM, NONE }

    static final List<String> DEVICE_TYPES = List.of("acrel-aim-r100", "pressure-level", "ultrasonic-level", "current-transducer");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{2})(?:\\.(\\d{1,3}))?");
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)");

    private ScenarioParser() {
    }

    public static Scenario parse(Path file) {
        YamlNode root = YamlNode.load(file);
        root.onlyKeys("name", "seed", "buses", "modems", "gpio", "floodPoints", "circuits", "timeline");
        Set<String> ids = new HashSet<>();

        List<Scenario.FloodPoint> floods = new ArrayList<>();
        for (YamlNode f : root.listOrEmpty("floodPoints")) {
            f.onlyKeys("id", "initialCm", "catchment", "drainCmPerHour", "noiseCm");
            floods.add(new Scenario.FloodPoint(newId(f, ids), f.number("initialCm", 0), f.number("catchment", 10),
                    f.number("drainCmPerHour", 20), f.number("noiseCm", 0.2)));
        }
        List<Scenario.Circuit> circuits = new ArrayList<>();
        for (YamlNode c : root.listOrEmpty("circuits")) {
            c.onlyKeys("id", "load");
            circuits.add(new Scenario.Circuit(newId(c, ids), c.number("load", 0.4)));
        }
        Set<String> floodIds = new HashSet<>();
        floods.forEach(f -> floodIds.add(f.id()));
        Set<String> circuitIds = new HashSet<>();
        circuits.forEach(c -> circuitIds.add(c.id()));

        List<Scenario.Bus> buses = new ArrayList<>();
        for (YamlNode b : root.listOrEmpty("buses")) {
            b.onlyKeys("id", "baud", "format", "devices");
            String busId = newId(b, ids);
            int baud = (int) b.integerIn("baud", 9600, 1200, 115_200);
            String format = b.string("format", "8N1");
            if (!format.toUpperCase(Locale.ROOT).matches("8[NEO][12]")) {
                throw b.get("format").fail("format '" + format + "' should be 8N1, 8E1, 8O1 or 8N2");
            }
            List<Scenario.Device> devices = new ArrayList<>();
            Set<Long> addresses = new HashSet<>();
            for (YamlNode d : b.listOrEmpty("devices")) {
                devices.add(device(d, ids, addresses, floodIds, circuitIds));
            }
            buses.add(new Scenario.Bus(busId, baud, format.toUpperCase(Locale.ROOT), devices, b.where()));
        }

        List<Scenario.Modem> modems = new ArrayList<>();
        for (YamlNode m : root.listOrEmpty("modems")) {
            m.onlyKeys("id", "baud", "imei", "iccid", "csq");
            long modemBaud = m.integer("baud", 9600);
            if (List.of(4800L, 9600L, 19200L, 38400L, 57600L, 115200L).stream().noneMatch(b -> b == modemBaud)) {
                throw m.get("baud").fail("modem baud " + modemBaud + " should be one of 4800, 9600, 19200, 38400, 57600, 115200");
            }
            String imei = m.string("imei", "863703036300000");
            String iccid = m.string("iccid", "89860400000000000000");
            if (!imei.matches("\\d{15}")) {
                throw m.get("imei").fail("IMEI '" + imei + "' must be 15 digits");
            }
            if (!iccid.matches("\\d{20}")) {
                throw m.get("iccid").fail("ICCID '" + iccid + "' must be 20 digits");
            }
            modems.add(new Scenario.Modem(newId(m, ids), (int) modemBaud, imei, iccid, (int) m.integerIn("csq", 20, 0, 99), m.where()));
        }

        List<Scenario.Pin> pins = new ArrayList<>();
        Set<Long> pinNumbers = new HashSet<>();
        for (YamlNode p : root.listOrEmpty("gpio")) {
            p.onlyKeys("pin", "id", "direction", "active");
            long number = p.require("pin").integer();
            if (number < 0 || number > 53 || !pinNumbers.add(number)) {
                throw p.get("pin").fail("GPIO " + number + " is outside BCM 0..53 or used twice");
            }
            String direction = p.string("direction", "input");
            if (!direction.equals("input") && !direction.equals("output")) {
                throw p.get("direction").fail("direction '" + direction + "' should be input or output");
            }
            String active = p.string("active", "high");
            if (!active.equals("high") && !active.equals("low")) {
                throw p.get("active").fail("active '" + active + "' should be high or low");
            }
            pins.add(new Scenario.Pin((int) number, newId(p, ids),
                    direction.equals("input") ? GpioBank.Direction.INPUT : GpioBank.Direction.OUTPUT, active.equals("high"), p.where()));
        }

        Scenario draft = new Scenario(root.string("name", file.getFileName().toString()), root.integer("seed", 1),
                buses, modems, pins, floods, circuits, List.of());
        List<Scenario.Entry> timeline = new ArrayList<>();
        for (YamlNode e : root.listOrEmpty("timeline")) {
            timeline.add(entry(e, draft));
        }
        return new Scenario(draft.name(), draft.seed(), buses, modems, pins, floods, circuits, List.copyOf(timeline));
    }

    private static Scenario.Device device(YamlNode d, Set<String> ids, Set<Long> addresses, Set<String> floods, Set<String> circuits) {
        d.onlyKeys("id", "type", "address", "turnaroundMs", "floodPoint", "circuit", "mountHeightMm", "ratedAmps", "loops");
        String id = newId(d, ids);
        String type = d.require("type").string();
        if (!DEVICE_TYPES.contains(type)) {
            throw d.get("type").fail("unknown device type '" + type + "'; known: " + DEVICE_TYPES);
        }
        long address = d.require("address").integer();
        if (address < 1 || address > 247) {
            throw d.get("address").fail("Modbus address " + address + " outside 1..247");
        }
        if (!addresses.add(address)) {
            throw d.get("address").fail("address " + address + " is already used by another slave on this bus");
        }
        String flood = d.string("floodPoint", null);
        if ((type.equals("pressure-level") || type.equals("ultrasonic-level"))) {
            if (flood == null || !floods.contains(flood)) {
                throw d.fail("a " + type + " needs floodPoint: naming one of floodPoints " + floods);
            }
        }
        String circuit = d.string("circuit", null);
        if (circuit != null && !circuits.contains(circuit)) {
            throw d.get("circuit").fail("unknown circuit '" + circuit + "'; defined: " + circuits);
        }
        List<Scenario.Loop> loops = new ArrayList<>();
        if (type.equals("acrel-aim-r100")) {
            List<YamlNode> loopNodes = d.listOrEmpty("loops");
            if (loopNodes.size() > 12) {
                throw d.get("loops").fail(loopNodes.size() + " loops; the monitor has 12");
            }
            for (YamlNode l : loopNodes) {
                l.onlyKeys("kind", "baselineMa", "circuit", "ambient", "riseAtRated", "tauSeconds");
                String kind = l.require("kind").string();
                LoopKind k = switch (kind) {
                    case "residual-current" -> LoopKind.RESIDUAL_CURRENT;
                    case "temperature" -> LoopKind.TEMPERATURE;
                    case "unused" -> LoopKind.UNUSED;
                    default -> throw l.get("kind").fail("loop kind '" + kind + "' should be residual-current, temperature or unused");
                };
                String loopCircuit = l.string("circuit", circuit);
                if (loopCircuit != null && !circuits.contains(loopCircuit)) {
                    throw l.get("circuit").fail("unknown circuit '" + loopCircuit + "'; defined: " + circuits);
                }
                loops.add(new Scenario.Loop(k, l.number("baselineMa", 120), loopCircuit, l.number("ambient", 25),
                        l.number("riseAtRated", 40), l.number("tauSeconds", 600)));
            }
        }
        return new Scenario.Device(id, type, (int) address, (int) d.integerIn("turnaroundMs", 2, 0, 10_000), flood, circuit,
                (int) d.integerIn("mountHeightMm", 3000, 100, 65_000), (int) d.integerIn("ratedAmps", 100, 1, 6000), loops, d.where());
    }

    private static Scenario.Entry entry(YamlNode e, Scenario s) {
        Map<String, String> params = new LinkedHashMap<>();
        Duration at;
        if (e.has("at") == e.has("from")) {
            throw e.fail("give exactly one of at: or from:");
        }
        at = clock(e.has("at") ? e.get("at") : e.get("from"));
        Duration duration = e.has("for") ? amount(e.get("for")) : null;
        if (e.has("from") && duration == null) {
            throw e.fail("from: needs a for: (e.g. for: 5m)");
        }
        String eventName = e.require("event").string();
        Event event = Event.named(eventName);
        if (event == null) {
            List<String> known = new ArrayList<>();
            for (Event ev : Event.values()) {
                known.add(ev.yamlName);
            }
            throw e.get("event").fail("unknown event '" + eventName + "'; known: " + known);
        }
        List<String> allowed = new ArrayList<>(List.of("at", "from", "for", "event", "target"));
        allowed.addAll(event.params);
        e.onlyKeys(allowed.toArray(String[]::new));
        for (String p : event.params) {
            if (e.has(p)) {
                params.put(p, e.get(p).string());
            }
        }
        String target = e.string("target", null);
        if (event.target == Target.NONE) {
            if (target != null) {
                throw e.get("target").fail("a " + eventName + " has no target");
            }
        } else {
            if (target == null) {
                throw e.fail("event " + eventName + " needs a target: (" + describe(event.target) + ")");
            }
            checkTarget(e, event, target, s);
        }
        checkParams(e, event, params, duration);
        return new Scenario.Entry(at, duration, eventName, target, Map.copyOf(params), e.where());
    }

    private static void checkParams(YamlNode e, Event event, Map<String, String> params, Duration duration) {
        switch (event) {
            case RAIN -> positive(e, "mmPerHour", true);
            case LEAK -> positive(e, "ma", true);
            case HOT_JOINT -> positive(e, "extraRise", true);
            case LOAD -> positive(e, "fraction", true);
            case LATE -> positive(e, "delayMs", true);
            case MODEM_DROP -> positive(e, "count", false);
            case CHATTER -> {
                positive(e, "periodMs", false);
                if (duration == null) {
                    throw e.fail("chatter needs for: (how long the input chatters)");
                }
            }
            case MODEM_SIGNAL -> {
                long csq = e.require("csq").integer();
                if ((csq < 0 || csq > 31) && csq != 99) {
                    throw e.get("csq").fail("csq " + csq + " outside 0..31 (or 99 = unknown)");
                }
            }
            case SENSOR_FAULT -> {
                String code = params.getOrDefault("code", "open");
                if (!code.equals("open") && !code.equals("short") && !code.equals("no-echo")) {
                    throw e.get("code").fail("code '" + code + "' should be open, short or no-echo");
                }
            }
            case NOTE -> e.require("text");
            default -> { }
        }
    }

    private static void positive(YamlNode e, String key, boolean required) {
        if (!e.has(key)) {
            if (required) {
                throw e.fail("missing '" + key + "'");
            }
            return;
        }
        if (e.get(key).number() < 0) {
            throw e.get(key).fail(key + " must not be negative");
        }
    }

    private static void checkTarget(YamlNode e, Event event, String target, Scenario s) {
        YamlNode at = e.get("target");
        switch (event.target) {
            case INPUT_PIN -> {
                if (s.pins().stream().noneMatch(p -> p.id().equals(target) && p.direction() == GpioBank.Direction.INPUT)) {
                    throw at.fail("'" + target + "' is not a gpio input; inputs: "
                            + s.pins().stream().filter(p -> p.direction() == GpioBank.Direction.INPUT).map(Scenario.Pin::id).toList());
                }
            }
            case FLOOD_POINT -> require(at, target, s.floodPoints().stream().map(Scenario.FloodPoint::id).toList(), "flood point");
            case CIRCUIT -> require(at, target, s.circuits().stream().map(Scenario.Circuit::id).toList(), "circuit");
            case BUS -> require(at, target, s.buses().stream().map(Scenario.Bus::id).toList(), "bus");
            case MODEM -> require(at, target, s.modems().stream().map(Scenario.Modem::id).toList(), "modem");
            case SLAVE -> require(at, target, allDevices(s).stream().map(Scenario.Device::id).toList(), "Modbus slave");
            case CURRENT_LOOP, TEMPERATURE_LOOP -> loop(at, target, s,
                    event.target == Target.CURRENT_LOOP ? LoopKind.RESIDUAL_CURRENT : LoopKind.TEMPERATURE);
            case FAULTABLE -> {
                if (target.contains("/")) {
                    loop(at, target, s, null);
                } else {
                    Scenario.Device d = allDevices(s).stream().filter(x -> x.id().equals(target)).findFirst()
                            .orElseThrow(() -> at.fail("unknown device '" + target + "'"));
                    if (!d.type().equals("ultrasonic-level")) {
                        throw at.fail("sensor-fault on a whole device needs an ultrasonic-level (no-echo); for an "
                                + "acrel-aim-r100 name the loop, e.g. " + target + "/2");
                    }
                }
            }
            case NONE -> { }
        }
    }

    private static void loop(YamlNode at, String target, Scenario s, LoopKind kind) {
        Matcher m = Pattern.compile("([^/]+)/(\\d+)").matcher(target);
        if (!m.matches()) {
            throw at.fail("'" + target + "' should name a monitor loop as <device>/<loop>, e.g. rcm-3f/1");
        }
        Scenario.Device d = allDevices(s).stream().filter(x -> x.id().equals(m.group(1)) && x.type().equals("acrel-aim-r100"))
                .findFirst().orElseThrow(() -> at.fail("no acrel-aim-r100 called '" + m.group(1) + "'"));
        int loop = Integer.parseInt(m.group(2));
        List<Scenario.Loop> loops = effectiveLoops(d);
        if (loop < 1 || loop > loops.size() || loops.get(loop - 1).kind() == LoopKind.UNUSED) {
            throw at.fail("loop " + loop + " of " + d.id() + " is not wired (" + loops.size() + " loops configured)");
        }
        if (kind != null && loops.get(loop - 1).kind() != kind) {
            throw at.fail("loop " + loop + " of " + d.id() + " is " + loops.get(loop - 1).kind() + ", this event needs " + kind);
        }
    }

    /** The loops of a monitor, the default wiring (1 residual current, 2-4 temperature) when none are listed. */
    static List<Scenario.Loop> effectiveLoops(Scenario.Device d) {
        if (!d.loops().isEmpty()) {
            return d.loops();
        }
        return List.of(new Scenario.Loop(LoopKind.RESIDUAL_CURRENT, 120, d.circuit(), 25, 40, 600),
                new Scenario.Loop(LoopKind.TEMPERATURE, 120, d.circuit(), 25, 40, 600),
                new Scenario.Loop(LoopKind.TEMPERATURE, 120, d.circuit(), 25, 40, 600),
                new Scenario.Loop(LoopKind.TEMPERATURE, 120, d.circuit(), 25, 40, 600));
    }

    static List<Scenario.Device> allDevices(Scenario s) {
        List<Scenario.Device> all = new ArrayList<>();
        s.buses().forEach(b -> all.addAll(b.devices()));
        return all;
    }

    private static void require(YamlNode at, String target, List<String> known, String what) {
        if (!known.contains(target)) {
            throw at.fail("'" + target + "' is not a " + what + "; defined: " + known);
        }
    }

    private static String describe(Target t) {
        return switch (t) {
            case INPUT_PIN -> "a gpio input id";
            case FLOOD_POINT -> "a flood point id";
            case CURRENT_LOOP -> "<monitor>/<residual-current loop>";
            case TEMPERATURE_LOOP -> "<monitor>/<temperature loop>";
            case CIRCUIT -> "a circuit id";
            case SLAVE -> "a Modbus device id";
            case FAULTABLE -> "<monitor>/<loop> or an ultrasonic-level id";
            case BUS -> "a bus id";
            case MODEM -> "a modem id";
            case NONE -> "none";
        };
    }

    private static String newId(YamlNode n, Set<String> ids) {
        String id = n.require("id").string();
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw n.get("id").fail("id '" + id + "' may use letters, digits, '.', '_' and '-' only");
        }
        if (!ids.add(id)) {
            throw n.get("id").fail("id '" + id + "' is used twice");
        }
        return id;
    }

    /** "00:10", "1:02:03", "00:10.5" -> elapsed time since the scenario started. */
    static Duration clock(YamlNode n) {
        Matcher m = CLOCK.matcher(n.string().trim());
        if (!m.matches()) {
            throw n.fail("time '" + n.string() + "' should be mm:ss or hh:mm:ss (e.g. 00:10, 1:30:00)");
        }
        long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long minutes = Long.parseLong(m.group(2));
        long seconds = Long.parseLong(m.group(3));
        if (seconds > 59 || (m.group(1) != null && minutes > 59)) {
            throw n.fail("time '" + n.string() + "' has more than 59 minutes or seconds in a field");
        }
        long millis = m.group(4) == null ? 0 : Long.parseLong((m.group(4) + "00").substring(0, 3));
        return Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusMillis(millis);
    }

    /** "500ms", "60s", "5m", "5 min", "2h", or mm:ss. */
    static Duration amount(YamlNode n) {
        String text = n.string().trim().toLowerCase(Locale.ROOT);
        if (text.contains(":")) {
            return clock(n);
        }
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            throw n.fail("duration '" + n.string() + "' should look like 500ms, 60s, 5m, 5 min or 2h");
        }
        double v = Double.parseDouble(m.group(1));
        long millis = switch (m.group(2)) {
            case "ms" -> Math.round(v);
            case "s" -> Math.round(v * 1000);
            case "m", "min" -> Math.round(v * 60_000);
            default -> Math.round(v * 3_600_000);
        };
        if (millis <= 0) {
            throw n.fail("duration '" + n.string() + "' must be positive");
        }
        return Duration.ofMillis(millis);
    }
}
