package dev.vigil.runtime;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one gateway running the newest good site file with the driver and uplink factories that
 * are installed now. Plain Java: the DS component only feeds it the site file path and the
 * factories as they come and go.
 *
 * <ul>
 *   <li>The site file is polled (modification time and size) on the supervisor's own scheduler.
 *       A valid change restarts the gateway with it; a broken one is refused with every problem
 *       logged, and the last good config keeps running.</li>
 *   <li>A type the site uses that no factory provides keeps the gateway (or the new config) from
 *       starting; after a short grace period for bundles still starting it is an ERROR naming the
 *       bundle to install. The gateway starts as soon as the factory appears.</li>
 *   <li>A gateway never outlives a factory it was built with: it is stopped when one leaves and
 *       rebuilt with its replacement.</li>
 *   <li>Each gateway opens the outbox when it starts and closes it when it stops, so a restart
 *       never has two writers on the outbox files.</li>
 * </ul>
 * Every state change happens under this object's lock, so factory events and file polls never
 * interleave; an unbind returns only once the gateway built with that factory has stopped.
 */
public final class GatewaySupervisor implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    /** How long bundles that are still starting get to register their factories before a missing one is an error. */
    static final Duration MISSING_TYPE_GRACE = Duration.ofSeconds(3);
    /** First wait before starting again after a start failed (e.g. the outbox disk not mounted yet); doubles up to {@link #RETRY_MAX}. */
    static final Duration RETRY_MIN = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySupervisor.class);

    private final Path siteFile;
    private final Engine engine;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private final Duration missingTypeGrace;
    private final Duration retryMin;

    // Registration order decides between two factories of the same type: the first one wins.
    private final Map<DriverFactory, String> driverFactories = new LinkedHashMap<>();
    private final Map<UplinkFactory, String> uplinkFactories = new LinkedHashMap<>();

    private FileStamp seen;
    /** The newest config that parsed and is not known to be invalid: what should run. */
    private SiteConfig wanted;
    /** The last config that was validated and started: what runs again after a refused change. */
    private SiteConfig lastGood;
    private Running running;
    private ScheduledFuture<?> missingTypeReport;
    private Duration retryDelay;
    private boolean closed;

    /** The gateway that runs now, and the factories it was built with. */
    private record Running(SiteConfig config, AutoCloseable gateway, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
    }

    /**
     * @param scheduler owned by the supervisor from now on: it polls the site file there and shuts it
     *                  down in {@link #close()}
     */
    public GatewaySupervisor(Path siteFile, Engine engine, ScheduledExecutorService scheduler) {
        this(siteFile, engine, scheduler, POLL_INTERVAL, MISSING_TYPE_GRACE, RETRY_MIN);
    }

    GatewaySupervisor(Path siteFile, Engine engine, ScheduledExecutorService scheduler, Duration pollInterval,
            Duration missingTypeGrace, Duration retryMin) {
        this.siteFile = siteFile.toAbsolutePath();
        this.engine = Objects.requireNonNull(engine, "engine");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.pollInterval = pollInterval;
        this.missingTypeGrace = missingTypeGrace;
        this.retryMin = retryMin;
    }

    /** Reads the site file now and then every poll interval. */
    public void start() {
        LOG.info("Site file {} (watched every {} s)", siteFile, pollInterval.toSeconds());
        scheduler.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void driverFactoryAdded(DriverFactory factory) {
        if (closed) {
            return;
        }
        driverFactories.put(factory, factory.type());
        LOG.debug("Driver type '{}' available ({})", factory.type(), factory.getClass().getName());
        reconcile();
    }

    public synchronized void driverFactoryRemoved(DriverFactory factory) {
        if (closed || driverFactories.remove(factory) == null) {
            return;
        }
        LOG.debug("Driver type '{}' went away ({})", factory.type(), factory.getClass().getName());
        reconcile();
    }

    public synchronized void uplinkFactoryAdded(UplinkFactory factory) {
        if (closed) {
            return;
        }
        uplinkFactories.put(factory, factory.type());
        LOG.debug("Uplink type '{}' available ({})", factory.type(), factory.getClass().getName());
        reconcile();
    }

    public synchronized void uplinkFactoryRemoved(UplinkFactory factory) {
        if (closed || uplinkFactories.remove(factory) == null) {
            return;
        }
        LOG.debug("Uplink type '{}' went away ({})", factory.type(), factory.getClass().getName());
        reconcile();
    }

    /** Whether a gateway runs now (for tests and health). */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /** The config of the running gateway, or null. */
    public synchronized SiteConfig runningConfig() {
        return running == null ? null : running.config();
    }

    /** Checks the site file once; the scheduler calls this every poll interval. */
    synchronized void poll() {
        if (closed) {
            return;
        }
        FileStamp now = FileStamp.of(siteFile);
        if (now.equals(seen)) {
            return;
        }
        boolean first = seen == null;
        seen = now;
        try {
            SiteRead read = now.exists()
                    ? engine.read(siteFile, currentDrivers(), currentUplinks())
                    : SiteRead.refused(List.of(new ConfigProblem(new SourceRef(siteFile.toString(), 0),
                            "the site file does not exist or cannot be read")));
            if (!read.parsed()) {
                refuse(read.problems());
                return;
            }
            if (!first && read.config().equals(wanted)) {
                return;
            }
            if (!first) {
                LOG.info("Site file {} changed; applying it", siteFile);
            }
            wanted = read.config();
            reconcile();
        } catch (RuntimeException e) {
            // A bug in reading must not end the watch: the next change is read again.
            LOG.error("Could not read site file {}; the gateway keeps its current config", siteFile, e);
        }
    }

    private void reconcile() {
        if (running != null && !builtWithCurrentFactories(running)) {
            LOG.warn("A driver or uplink factory of gateway '{}' went away or was replaced; stopping the gateway "
                    + "until it can be rebuilt", running.config().gatewayId());
            stopGateway();
        }
        if (wanted == null) {
            return;
        }
        List<MissingType> missing = MissingType.in(wanted, currentDrivers().keySet(), currentUplinks().keySet());
        if (!missing.isEmpty()) {
            reportMissingAfterGrace();
            return;
        }
        cancelMissingReport();
        if (running != null && running.config().equals(wanted)) {
            return;
        }
        Map<String, DriverFactory> drivers = currentDrivers();
        Map<String, UplinkFactory> uplinks = currentUplinks();
        List<ConfigProblem> problems = engine.validate(wanted, drivers, uplinks);
        if (!problems.isEmpty()) {
            refuse(problems);
            SiteConfig refused = wanted;
            if (refused == lastGood) {
                lastGood = null; // no longer valid with the factories installed now
            }
            wanted = lastGood;
            if (running == null && wanted != null) {
                reconcile();
            }
            return;
        }
        startGateway(wanted, drivers, uplinks);
    }

    private void startGateway(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        stopGateway();
        long began = System.nanoTime();
        try {
            AutoCloseable gateway = engine.start(config, drivers, uplinks);
            running = new Running(config, gateway, drivers, uplinks);
            lastGood = config;
            retryDelay = null;
            LOG.info("Gateway '{}' started from {}: {} buses, {} sensors, uplinks {}, outbox {}; in {} ms, {} ms "
                    + "after JVM start", config.gatewayId(), siteFile, config.buses().size(), config.sensors().size(),
                    config.uplinks().stream().map(u -> u.id() + "(" + u.type() + ")").toList(),
                    config.outbox().directory(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
                    ManagementFactory.getRuntimeMXBean().getUptime());
        } catch (RuntimeException e) {
            LOG.error("Gateway '{}' did not start from {}: {}", config.gatewayId(), siteFile, e.toString(), e);
            if (lastGood != null && lastGood != config) {
                LOG.warn("Falling back to the last good config of gateway '{}'", lastGood.gatewayId());
                wanted = lastGood;
                startGateway(lastGood, drivers, uplinks);
            } else {
                retryLater(config);
            }
        }
    }

    private void retryLater(SiteConfig config) {
        retryDelay = retryDelay == null ? retryMin
                : retryDelay.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retryDelay.multipliedBy(2);
        LOG.warn("Starting gateway '{}' again in {} s", config.gatewayId(), retryDelay.toSeconds());
        scheduler.schedule(this::retryStart, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void retryStart() {
        if (!closed && running == null && wanted != null) {
            reconcile();
        }
    }

    private void stopGateway() {
        if (running == null) {
            return;
        }
        Running stopping = running;
        running = null;
        try {
            stopping.gateway().close();
            LOG.info("Gateway '{}' stopped", stopping.config().gatewayId());
        } catch (Exception e) {
            LOG.error("Gateway '{}' did not stop cleanly", stopping.config().gatewayId(), e);
        }
    }

    private void refuse(List<ConfigProblem> problems) {
        if (lastGood != null) {
            LOG.warn("Refused site file {}: {} problem(s); gateway '{}' keeps running its last good config",
                    siteFile, problems.size(), lastGood.gatewayId());
            problems.forEach(p -> LOG.warn("  {}", p));
        } else {
            LOG.error("Gateway not started: site file {} has {} problem(s); it is read again when it changes",
                    siteFile, problems.size());
            problems.forEach(p -> LOG.error("  {}", p));
        }
    }

    private void reportMissingAfterGrace() {
        if (missingTypeReport != null) {
            return;
        }
        missingTypeReport = scheduler.schedule(this::reportMissing, missingTypeGrace.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void reportMissing() {
        missingTypeReport = null;
        if (closed || wanted == null) {
            return;
        }
        List<MissingType> missing = MissingType.in(wanted, currentDrivers().keySet(), currentUplinks().keySet());
        if (missing.isEmpty()) {
            return;
        }
        if (running != null) {
            LOG.error("Site file {} cannot be applied yet; gateway '{}' keeps running its previous config until "
                    + "the missing bundles are installed:", siteFile, running.config().gatewayId());
        } else {
            LOG.error("Gateway not started: site file {} uses types no installed bundle provides; it starts as "
                    + "soon as they appear:", siteFile);
        }
        missing.forEach(m -> LOG.error("  {}", m));
    }

    private void cancelMissingReport() {
        if (missingTypeReport != null) {
            missingTypeReport.cancel(false);
            missingTypeReport = null;
        }
    }

    private boolean builtWithCurrentFactories(Running r) {
        Map<String, DriverFactory> drivers = currentDrivers();
        Map<String, UplinkFactory> uplinks = currentUplinks();
        for (BusConfig bus : r.config().buses()) {
            if (drivers.get(bus.driver()) != r.drivers().get(bus.driver())) {
                return false;
            }
        }
        for (UplinkConfig uplink : r.config().uplinks()) {
            if (uplinks.get(uplink.type()) != r.uplinks().get(uplink.type())) {
                return false;
            }
        }
        return true;
    }

    private Map<String, DriverFactory> currentDrivers() {
        Map<String, DriverFactory> byType = new LinkedHashMap<>();
        driverFactories.forEach((factory, type) -> byType.putIfAbsent(type, factory));
        return byType;
    }

    private Map<String, UplinkFactory> currentUplinks() {
        Map<String, UplinkFactory> byType = new LinkedHashMap<>();
        uplinkFactories.forEach((factory, type) -> byType.putIfAbsent(type, factory));
        return byType;
    }

    /** Stops the gateway, closes the outbox and the scheduler. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            LOG.info("Stopping: site file {} no longer watched", siteFile);
            cancelMissingReport();
            stopGateway();
            scheduler.shutdownNow();
        }
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Site file watcher did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
