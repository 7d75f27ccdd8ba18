package dev.vigil.sim.scenario;

import dev.vigil.sim.device.CurrentTransducer;
import dev.vigil.sim.device.LoopFault;
import dev.vigil.sim.device.LoopKind;
import dev.vigil.sim.device.PressureLevelTransmitter;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.device.UltrasonicLevelMeter;
import dev.vigil.sim.gpio.GpioBank;
import dev.vigil.sim.gpio.GpioServer;
import dev.vigil.sim.modbus.BusEvent;
import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RtuBus;
import dev.vigil.sim.modbus.SerialFraming;
import dev.vigil.sim.modbus.SlaveBehaviour;
import dev.vigil.sim.modem.NbIotModem;
import dev.vigil.sim.physics.CableTemperature;
import dev.vigil.sim.physics.Physics;
import dev.vigil.sim.physics.ResidualCurrent;
import dev.vigil.sim.physics.WaterLevel;
import dev.vigil.sim.pty.PseudoTerminal;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A scenario brought to life: the pseudo-terminals, buses, slaves, modems and pins it describes,
 * the physical models behind the values, and its timeline. {@link #step()} fires what is due and
 * advances the physics; the CLI calls it every 50 ms, tests call it after moving a test clock.
 */
public final class SimulatedSite implements AutoCloseable {

    /** A timeline action at an offset from the start; {@code order} keeps file order for equal times. */
    private record Action(Duration at, int order, String target, String kind, String text, Runnable run) {
    }

    private record Chatter(String pin, Duration from, Duration period) {
    }

    private final Scenario scenario;
    private final Path portDir;
    private final Clock clock;
    private final PrintStream out;
    private final boolean verbose;
    private final Physics physics;
    private volatile Instant start;

    private final Map<String, WaterLevel> floods = new LinkedHashMap<>();
    private final Map<String, double[]> circuitLoads = new LinkedHashMap<>();
    private final Map<String, List<CableTemperature>> cablesByCircuit = new LinkedHashMap<>();
    private final Map<String, ResidualCurrent> leakageByLoop = new LinkedHashMap<>();
    private final Map<String, CableTemperature> cableByLoop = new LinkedHashMap<>();
    private final Map<String, RtuBus> buses = new LinkedHashMap<>();
    private final Map<String, ModbusDevice> devices = new LinkedHashMap<>();
    private final Map<String, NbIotModem> modems = new LinkedHashMap<>();
    private final Map<String, String> lastBusOutcome = new ConcurrentHashMap<>();
    private final List<Chatter> chatters = new CopyOnWriteArrayList<>();
    private final List<Consumer<SimEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final GpioBank gpio;
    private GpioServer gpioServer;
    private int nextAction;

    private SimulatedSite(Scenario scenario, Path portDir, Clock clock, PrintStream out, boolean verbose) {
        this.scenario = scenario;
        this.portDir = portDir;
        this.clock = clock;
        this.out = out;
        this.verbose = verbose;
        this.physics = new Physics(clock, scenario.seed());
        this.start = clock.instant();
        this.gpio = new GpioBank(clock);
    }

    /** Opens every port and socket the scenario needs and schedules its timeline from now. */
    public static SimulatedSite start(Scenario scenario, Path portDir, Clock clock, PrintStream out, boolean verbose)
            throws IOException {
        SimulatedSite site = new SimulatedSite(scenario, portDir, clock, out, verbose);
        try {
            site.build();
        } catch (IOException | RuntimeException e) {
            site.close();
            throw e;
        }
        return site;
    }

    private void build() throws IOException {
        for (Scenario.FloodPoint f : scenario.floodPoints()) {
            floods.put(f.id(), physics.add(new WaterLevel(f.initialCm(), f.catchment(), f.drainCmPerHour(), f.noiseCm(),
                    physics.randomFor(f.id()))));
        }
        for (Scenario.Circuit c : scenario.circuits()) {
            circuitLoads.put(c.id(), new double[] {c.load()});
            cablesByCircuit.put(c.id(), new CopyOnWriteArrayList<>());
        }
        for (Scenario.Bus b : scenario.buses()) {
            RtuBus bus = new RtuBus(b.id(), PseudoTerminal.open(portDir.resolve(b.id())), SerialFraming.of(b.baud(), b.format()),
                    physics.randomFor(b.id() + "/garbage"));
            buses.put(b.id(), bus);
            for (Scenario.Device d : b.devices()) {
                ModbusDevice device = device(d, b.baud());
                devices.put(d.id(), device);
                bus.attach(device);
            }
            bus.addObserver(this::onBusEvent);
            bus.start();
        }
        for (Scenario.Modem m : scenario.modems()) {
            NbIotModem modem = new NbIotModem(m.id(), PseudoTerminal.open(portDir.resolve(m.id())), m.baud(), m.imei(), m.iccid(),
                    InetAddress.getLoopbackAddress());
            modem.setCsq(m.csq());
            modem.addObserver(what -> {
                if (verbose || !what.startsWith("AT ")) {
                    say(elapsed(), m.id(), "modem", what);
                }
            });
            modems.put(m.id(), modem.start());
        }
        for (Scenario.Pin p : scenario.pins()) {
            gpio.define(new GpioBank.Pin(p.number(), p.id(), p.direction(), p.activeHigh()), !p.activeHigh());
        }
        gpio.addListener((pin, level) -> {
            GpioBank.Pin p = gpio.pin(pin);
            if (p.direction() == GpioBank.Direction.OUTPUT) {
                say(elapsed(), p.id(), "output", "gateway drives GPIO " + pin + " " + (level ? "HIGH" : "LOW")
                        + (level == p.activeHigh() ? " (on)" : " (off)"));
            }
        });
        if (!scenario.pins().isEmpty()) {
            gpioServer = new GpioServer(gpio, portDir.resolve("gpio.sock"));
        }
        int order = 0;
        for (Scenario.Entry e : scenario.timeline()) {
            schedule(e, order);
            order += 2;
        }
        actions.sort(Comparator.comparing(Action::at).thenComparingInt(Action::order));
        // the timeline starts when the hardware is up, not before the ports were opened
        start = clock.instant();
        physics.startAt(start);
    }

    private ModbusDevice device(Scenario.Device d, int baud) {
        Duration turnaround = Duration.ofMillis(d.turnaroundMs());
        switch (d.type()) {
            case "acrel-aim-r100": {
                List<Scenario.Loop> loops = ScenarioParser.effectiveLoops(d);
                ResidualCurrentMonitor rcm = new ResidualCurrentMonitor(d.id(), d.address(), turnaround,
                        loops.stream().map(Scenario.Loop::kind).toList());
                for (int i = 0; i < loops.size(); i++) {
                    Scenario.Loop l = loops.get(i);
                    String key = d.id() + "/" + (i + 1);
                    if (l.kind() == LoopKind.RESIDUAL_CURRENT) {
                        ResidualCurrent rc = physics.add(new ResidualCurrent(l.baselineMa(), 0.3, 2.0, physics.randomFor(key)));
                        leakageByLoop.put(key, rc);
                        rcm.setSource(i + 1, rc);
                    } else if (l.kind() == LoopKind.TEMPERATURE) {
                        double load = l.circuit() == null ? 0.4 : circuitLoads.get(l.circuit())[0];
                        CableTemperature cable = physics.add(new CableTemperature(l.ambient(), l.riseAtRated(), l.tauSeconds(),
                                load, 0.1, physics.randomFor(key)));
                        cableByLoop.put(key, cable);
                        if (l.circuit() != null) {
                            cablesByCircuit.get(l.circuit()).add(cable);
                        }
                        rcm.setSource(i + 1, cable);
                    }
                }
                return rcm;
            }
            case "pressure-level": {
                PressureLevelTransmitter t = new PressureLevelTransmitter(d.id(), d.address(), turnaround, baud);
                t.setSource(floods.get(d.floodPoint()));
                return t;
            }
            case "ultrasonic-level": {
                UltrasonicLevelMeter u = new UltrasonicLevelMeter(d.id(), d.address(), turnaround, d.mountHeightMm());
                u.setSource(floods.get(d.floodPoint()));
                return u;
            }
            case "current-transducer": {
                CurrentTransducer ct = new CurrentTransducer(d.id(), d.address(), turnaround, d.ratedAmps());
                if (d.circuit() != null) {
                    double[] load = circuitLoads.get(d.circuit());
                    double[] balance = {1.0, 0.93, 1.06};
                    for (int p = 0; p < 3; p++) {
                        double share = balance[p];
                        ct.setSource(p + 1, () -> load[0] * d.ratedAmps() * share);
                    }
                }
                return ct;
            }
            default:
                throw new IllegalStateException("parser let through device type " + d.type());
        }
    }

    private void schedule(Scenario.Entry e, int order) {
        String target = e.target() == null ? "scenario" : e.target();
        Runnable[] startEnd = effect(e);
        String what = EventText.describe(e, gpio);
        actions.add(new Action(e.at(), order, target, e.event(), what + (e.duration() == null ? "" : " for " + EventText.human(e.duration())),
                startEnd[0]));
        if (e.duration() != null && startEnd[1] != null) {
            actions.add(new Action(e.at().plus(e.duration()), order + 1, target, "end:" + e.event(), "end of " + what, startEnd[1]));
        }
    }

    /** The start and (for timed entries) end of one timeline event. */
    private Runnable[] effect(Scenario.Entry e) {
        String t = e.target();
        switch (e.event()) {
            case "smoke":
                return pair(() -> gpio.setActive(t, true, "scenario"), () -> gpio.setActive(t, false, "scenario"));
            case "clear":
                return pair(() -> gpio.setActive(t, false, "scenario"), null);
            case "chatter": {
                Chatter c = new Chatter(t, e.at(), Duration.ofMillis(Long.parseLong(e.param("periodMs", "200"))));
                return pair(() -> chatters.add(c), () -> {
                    chatters.remove(c);
                    gpio.setActive(t, false, "scenario");
                });
            }
            case "rain": {
                WaterLevel w = floods.get(t);
                double[] before = new double[1];
                return pair(() -> {
                    before[0] = w.rain();
                    w.setRain(Double.parseDouble(e.param("mmPerHour", "0")));
                }, () -> w.setRain(before[0]));
            }
            case "drain-blocked":
                return pair(() -> floods.get(t).setDrainBlocked(true), () -> floods.get(t).setDrainBlocked(false));
            case "leak": {
                ResidualCurrent rc = leakageByLoop.get(t);
                return pair(() -> rc.stepFault(Double.parseDouble(e.param("ma", "0"))), rc::clearFault);
            }
            case "hot-joint": {
                CableTemperature c = cableByLoop.get(t);
                return pair(() -> c.setExtraRise(Double.parseDouble(e.param("extraRise", "0"))), () -> c.setExtraRise(0));
            }
            case "load": {
                double[] before = new double[1];
                return pair(() -> {
                    before[0] = circuitLoads.get(t)[0];
                    setLoad(t, Double.parseDouble(e.param("fraction", "0")));
                }, () -> setLoad(t, before[0]));
            }
            case "silent":
                return behaviour(t, SlaveBehaviour.SILENT);
            case "late":
                return behaviour(t, SlaveBehaviour.late(Duration.ofMillis(Long.parseLong(e.param("delayMs", "0")))));
            case "bad-crc":
                return behaviour(t, SlaveBehaviour.BAD_CRC);
            case "garbage":
                return behaviour(t, SlaveBehaviour.GARBAGE);
            case "stuck":
                return pair(() -> devices.get(t).setStuck(true), () -> devices.get(t).setStuck(false));
            case "sensor-fault": {
                if (t.contains("/")) {
                    String[] parts = t.split("/");
                    ResidualCurrentMonitor rcm = (ResidualCurrentMonitor) devices.get(parts[0]);
                    int loop = Integer.parseInt(parts[1]);
                    LoopFault fault = e.param("code", "open").equals("short") ? LoopFault.SHORT : LoopFault.OPEN;
                    return pair(() -> rcm.setFault(loop, fault), () -> rcm.setFault(loop, LoopFault.NONE));
                }
                UltrasonicLevelMeter u = (UltrasonicLevelMeter) devices.get(t);
                return pair(() -> u.setNoEcho(true), () -> u.setNoEcho(false));
            }
            case "unplug":
                return pair(() -> buses.get(t).setUnplugged(true), () -> buses.get(t).setUnplugged(false));
            case "modem-deregister":
                return pair(() -> modems.get(t).setRegistered(false), () -> modems.get(t).setRegistered(true));
            case "modem-signal": {
                Scenario.Modem spec = scenario.modems().stream().filter(m -> m.id().equals(t)).findFirst().orElseThrow();
                return pair(() -> modems.get(t).setCsq(Integer.parseInt(e.param("csq", "99"))), () -> modems.get(t).setCsq(spec.csq()));
            }
            case "modem-drop":
                return pair(() -> modems.get(t).dropNextDatagrams(Integer.parseInt(e.param("count", "1"))), null);
            case "note":
                return pair(() -> { }, null);
            default:
                throw new IllegalStateException("parser let through event " + e.event());
        }
    }

    private Runnable[] behaviour(String device, SlaveBehaviour b) {
        return pair(() -> devices.get(device).setBehaviour(b), () -> devices.get(device).setBehaviour(SlaveBehaviour.NORMAL));
    }

    private static Runnable[] pair(Runnable start, Runnable end) {
        return new Runnable[] {start, end};
    }

    private void setLoad(String circuit, double load) {
        circuitLoads.get(circuit)[0] = load;
        cablesByCircuit.get(circuit).forEach(c -> c.setLoad(load));
    }

    /** Fires every timeline action that is due, applies chattering inputs and advances the physics. */
    public synchronized void step() {
        Duration now = elapsed();
        while (nextAction < actions.size() && actions.get(nextAction).at().compareTo(now) <= 0) {
            Action a = actions.get(nextAction++);
            a.run().run();
            say(a.at(), a.target(), a.kind(), a.text());
        }
        for (Chatter c : chatters) {
            long phase = now.minus(c.from()).toMillis() / Math.max(1, c.period().toMillis());
            gpio.setActive(c.pin(), phase % 2 == 0, "scenario chatter");
        }
        physics.tick();
    }

    /** True once every timeline action has fired. */
    public synchronized boolean timelineDone() {
        return nextAction >= actions.size();
    }

    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    private void onBusEvent(BusEvent e) {
        String key = e.bus() + "/" + e.address();
        String summary = switch (e.outcome()) {
            case ANSWERED -> "answering";
            case FAULT_INJECTED -> "fault: " + e.detail();
            default -> e.outcome().name().toLowerCase().replace('_', ' ') + (e.detail() == null ? "" : " (" + e.detail() + ")");
        };
        String previous = lastBusOutcome.put(key, summary);
        if (verbose || !summary.equals(previous)) {
            String who = e.device() == null ? "address " + e.address() : e.device() + " @" + e.address();
            String timing = e.responseEndNanos() == 0 ? "" : String.format(" [FC%02d, response %.1f ms after request]",
                    e.function(), e.turnaroundMillis());
            say(elapsed(), e.bus(), "bus", who + ": " + summary + timing);
        }
    }

    private void say(Duration at, String target, String kind, String text) {
        long ms = at.toMillis();
        SimEvent event = new SimEvent(clock.instant(), at, target, kind, text);
        synchronized (out) {
            out.printf("[%02d:%02d.%03d] %s: %s%n", ms / 60_000, (ms / 1000) % 60, ms % 1000, target, text);
            out.flush();
        }
        for (Consumer<SimEvent> l : eventListeners) {
            l.accept(event);
        }
    }

    /** Also hands every printed event to {@code listener} (the CLI's --events file, tests). */
    public void addEventListener(Consumer<SimEvent> listener) {
        eventListeners.add(listener);
    }

    public RtuBus bus(String id) {
        return buses.get(id);
    }

    public ModbusDevice device(String id) {
        return devices.get(id);
    }

    public NbIotModem modem(String id) {
        return modems.get(id);
    }

    /** The port and pin map an installer copies into a site file. */
    public void printPortMap(PrintStream to) {
        PortMap.print(to, scenario, buses.values(), modems.values(), gpioServer == null ? null : gpioServer.socketPath(), gpio,
                actions.size());
    }

    public GpioBank gpio() {
        return gpio;
    }

    public WaterLevel floodPoint(String id) {
        return floods.get(id);
    }

    public Path gpioSocket() {
        return gpioServer == null ? null : gpioServer.socketPath();
    }

    @Override
    public void close() {
        buses.values().forEach(RtuBus::close);
        modems.values().forEach(NbIotModem::close);
        if (gpioServer != null) {
            gpioServer.close();
        }
    }
}
