package dev.vigil.sim.demo;

import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.scenario.ScenarioParser;
import dev.vigil.sim.scenario.SimEvent;
import dev.vigil.sim.scenario.SimulatedSite;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's virtual hardware: {@code simulator/scenarios/demo.yaml} running in-process on the
 * hardware simulator, its bus {@code rs485-1} a pseudo-terminal the gateway's modbus-rtu driver
 * opens, and the causes of the demo site's alarms (which simulated value or event each one
 * follows). The scenario's timeline waits for {@link #startTimeline()}.
 */
final class DemoHardware implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHardware.class);
    static final String BUS = "rs485-1";
    private static final long STEP_MILLIS = 50;

    private final SimulatedCauses causes = new SimulatedCauses();
    private final SimulatedSite site;
    private final ScheduledExecutorService stepper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-demo-simulator");
        t.setDaemon(true);
        return t;
    });

    /**
     * Opens the scenario's ports under {@code portDir}. Throws if the scenario is bad or no
     * pseudo-terminal can be created (no /dev/ptmx, JNA not loadable).
     */
    static DemoHardware start(Path scenario, Path portDir, Consumer<SimEvent> events) throws IOException {
        HeldClock clock = new HeldClock();
        SimulatedSite site;
        try {
            site = SimulatedSite.start(ScenarioParser.parse(scenario), portDir, clock, new PrintStream(OutputStream.nullOutputStream()),
                    false);
        } catch (LinkageError e) {
            throw new IOException("cannot load the native pseudo-terminal calls: " + e, e);
        }
        DemoHardware hw = new DemoHardware(site, clock);
        hw.watchDemoSite();
        site.addEventListener(e -> {
            hw.causes.onEvent(e, Instant.now());
            events.accept(e);
        });
        hw.stepper.scheduleAtFixedRate(hw::step, 0, STEP_MILLIS, TimeUnit.MILLISECONDS);
        return hw;
    }

    private DemoHardware(SimulatedSite site, HeldClock clock) {
        this.site = site;
        this.clockRef = clock;
    }

    private final HeldClock clockRef;

    /** Which simulated change raises which alarm of config/demo/demo-site.yaml. */
    private void watchDemoSite() {
        ResidualCurrentMonitor rcm = (ResidualCurrentMonitor) site.device("rcm-b1-3f");
        causes.crossing("rc-b1-3f-301", "warning", () -> rcm.value(1), 300, "residual current reached 300 mA")
                .crossing("rc-b1-3f-301", "alarm", () -> rcm.value(1), 500, "residual current reached 500 mA")
                .crossing("wd-shennan-underpass", "light", site.floodPoint("shennan-underpass"), 3, "water reached 3 cm")
                .crossing("wd-shennan-underpass", "moderate", site.floodPoint("shennan-underpass"), 10, "water reached 10 cm")
                .event("ph-b1-1f-board", "OFFLINE", "ct-b1-1f", "silent");
    }

    private void step() {
        try {
            site.step();
            if (clockRef.released()) {
                causes.check(Instant.now());
            }
        } catch (RuntimeException e) {
            // one bad step must not stop the scenario; the next one retries
            LOG.warn("simulator step failed; the scenario goes on with the next step", e);
        }
    }

    /** Starts the scenario's timeline (the gateway is up). */
    void startTimeline() {
        clockRef.release();
    }

    boolean timelineStarted() {
        return clockRef.released();
    }

    /** The symlink the site file names as bus rs485-1's port. */
    Path rs485Port() {
        return site.bus(BUS).port().link();
    }

    SimulatedCauses causes() {
        return causes;
    }

    @Override
    public void close() {
        stepper.shutdownNow();
        try {
            stepper.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        site.close();
    }
}
