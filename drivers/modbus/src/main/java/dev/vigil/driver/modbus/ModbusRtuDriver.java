package dev.vigil.driver.modbus;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One RS-485 port with its slaves: polls the site's sensors on a thread of its own and reports the
 * port's and each slave's health.
 */
public final class ModbusRtuDriver implements Driver {

    public static final String TYPE = "modbus-rtu";

    private final ModbusSite site;
    private final Function<ModbusSite, SerialLine> lines;
    private final List<PollBlock> blocks;
    private final PortCounters counters = new PortCounters();
    private final Map<Integer, SlaveState> slaves = new TreeMap<>();
    private volatile PortPoller poller;
    private volatile ModbusWrites writes;
    private Thread thread;
    private volatile boolean stopped;
    private long lastHealthNanos = System.nanoTime();
    private long lastBusyNanos;

    /** @param lines makes the serial line of the site's port (jSerialComm in the gateway) */
    public ModbusRtuDriver(ModbusSite site, Function<ModbusSite, SerialLine> lines) {
        this.site = site;
        this.lines = lines;
        this.blocks = BlockPlanner.plan(site.sensors(), site.settings().maxGap());
        site.profileBySlave().forEach((slave, profile) -> slaves.put(slave,
                new SlaveState(slave, profile.name(), site.timeoutBySlave().get(slave).toNanos())));
    }

    public ModbusRtuDriver(ModbusSite site) {
        this(site, s -> new JSerialCommLine(s.settings().port(), s.settings().serial()));
    }

    @Override
    public synchronized void start(DriverContext context) {
        if (thread != null || stopped) {
            throw new IllegalStateException("bus " + site.busId() + ": a modbus-rtu driver is started once");
        }
        PortPoller p = new PortPoller(site, lines.apply(site), counters, slaves, blocks, context.readings(), context.clock());
        poller = p;
        writes = new ModbusWrites(site.busId(), site.profileBySlave(), p);
        thread = new Thread(p, "vigil-modbus-" + site.busId());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (thread == null) {
            return;
        }
        poller.stop();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    /** Writes to the bus's slaves; available once started. */
    public ModbusWrites writes() {
        ModbusWrites w = writes;
        if (w == null) {
            throw new IllegalStateException("bus " + site.busId() + " is not started");
        }
        return w;
    }

    /** The read requests the driver polls, after coalescing. */
    public List<PollBlock> blocks() {
        return blocks;
    }

    public Map<Integer, SlaveHealth> slaveHealth() {
        Map<Integer, SlaveHealth> out = new TreeMap<>();
        slaves.forEach((a, s) -> out.put(a, s.snapshot()));
        return out;
    }

    @Override
    public synchronized DriverHealth health() {
        long now = System.nanoTime();
        long busy = counters.busyNanos.get();
        long elapsed = Math.max(1, now - lastHealthNanos);
        long utilisation = Math.min(100, Math.round(100.0 * (busy - lastBusyNanos) / elapsed));
        lastHealthNanos = now;
        lastBusyNanos = busy;

        Map<String, ComponentStatus> devices = new LinkedHashMap<>();
        int faulty = 0;
        StringBuilder faultyList = new StringBuilder();
        for (SlaveHealth h : slaveHealth().values()) {
            devices.put("slave " + h.slave(), status(h));
            if (h.state() == SlaveHealth.State.FAULTY) {
                faulty++;
                faultyList.append(faultyList.length() == 0 ? "" : ", ").append(h.slave());
            }
        }
        PortPoller p = poller;
        String port = site.settings().port() + " (" + site.settings().serial() + ")";
        ComponentStatus status;
        if (p == null) {
            status = ComponentStatus.UNKNOWN;
        } else if (!p.portOpen()) {
            status = ComponentStatus.offline("PORT_UNAVAILABLE", port + ": " + p.portProblem());
        } else if (faulty > 0 && faulty == slaves.size()) {
            status = ComponentStatus.offline("NO_SLAVE_ANSWERS", port + ": none of the " + faulty + " slaves answers");
        } else if (faulty > 0) {
            status = ComponentStatus.degraded("SLAVES_FAULTY", port + ": " + faulty + " of " + slaves.size()
                    + " slaves faulty (" + faultyList + ")");
        } else {
            status = ComponentStatus.online(port + ": " + slaves.size() + " slaves, " + blocks.size() + " poll requests");
        }
        return new DriverHealth(site.busId(), TYPE, status, counters.snapshot(utilisation), devices);
    }

    private ComponentStatus status(SlaveHealth h) {
        String head = "slave " + h.slave() + " (" + h.profile() + "): last answer " + (h.lastAnswer() == null ? "never" : h.lastAnswer())
                + ", " + h.consecutiveFailures() + " failed polls in a row, " + h.answers() + " of " + h.polls() + " polls answered";
        return switch (h.state()) {
            case UNKNOWN -> new ComponentStatus(ComponentStatus.Status.UNKNOWN, "NOT_POLLED", head);
            case ONLINE -> ComponentStatus.online(head);
            case FAILING -> ComponentStatus.degraded("FAILING", head + "; last problem: " + h.lastProblem());
            case FAULTY -> ComponentStatus.offline("FAULTY", head + "; last problem: " + h.lastProblem()
                    + "; polled with backoff until it answers");
        };
    }
}
