package dev.vigil.core.engine;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.health.GatewayHealth;
import dev.vigil.core.health.ProcessHealth;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.outbox.OutboxStats;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.OutputPort;
import dev.vigil.core.spi.ReadingSink;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine facade: drivers → reading queue → engine thread (rules, alarms, telemetry) →
 * outbox → forwarder → uplinks. Drivers and uplinks are made from the factories by the type
 * names in the site file when the gateway is constructed; {@link #start()} starts them and the
 * engine's threads; {@link #close()} stops everything and closes the outbox.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final long HEALTH_CHECK_MS = 1000;
    private static final long JOIN_MS = 10_000;

    private final SiteConfig config;
    private final Outbox outbox;
    private final Clock clock;
    private final GatewaySettings settings;
    private final Map<BusConfig, Driver> drivers = new LinkedHashMap<>();
    private final List<Uplink> uplinks = new ArrayList<>();
    private final Map<Uplink, UplinkConfig> uplinkConfigs = new LinkedHashMap<>();
    private final ReadingQueue queue;
    private final Wakeup forwarderWakeup = new Wakeup();

    private volatile ReadingProcessor processor;
    private EngineLoop engineLoop;
    private Thread engineThread;
    private Forwarder forwarder;
    private Thread forwarderThread;
    private ScheduledExecutorService driverScheduler;
    private ScheduledExecutorService healthScheduler;
    private volatile Instant startedAt;
    private boolean started;
    private boolean closed;

    public Gateway(SiteConfig config, Outbox outbox, Map<String, DriverFactory> driversByType,
            Map<String, UplinkFactory> uplinksByType, Clock clock) {
        this(config, outbox, driversByType, uplinksByType, clock, GatewaySettings.DEFAULTS);
    }

    /** @throws IllegalStateException if a bus or uplink names a type no factory provides */
    public Gateway(SiteConfig config, Outbox outbox, Map<String, DriverFactory> driversByType,
            Map<String, UplinkFactory> uplinksByType, Clock clock, GatewaySettings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new ReadingQueue(settings.readingQueueCapacity());
        for (BusConfig bus : config.buses()) {
            DriverFactory factory = driversByType.get(bus.driver());
            if (factory == null) {
                throw new IllegalStateException("No driver of type '" + bus.driver() + "' for bus '" + bus.id()
                        + "' (" + bus.where() + "); available driver types: " + new TreeSet<>(driversByType.keySet())
                        + ". Install the bundle that provides driver type '" + bus.driver() + "'.");
            }
            drivers.put(bus, factory.create(bus, config.sensorsOn(bus.id())));
        }
        for (UplinkConfig uc : config.uplinks()) {
            UplinkFactory factory = uplinksByType.get(uc.type());
            if (factory == null) {
                throw new IllegalStateException("No uplink of type '" + uc.type() + "' for uplink '" + uc.id()
                        + "' (" + uc.where() + "); available uplink types: " + new TreeSet<>(uplinksByType.keySet())
                        + ". Install the bundle that provides uplink type '" + uc.type() + "'.");
            }
            Uplink uplink = factory.create(uc, config.gatewayId());
            uplinks.add(uplink);
            uplinkConfigs.put(uplink, uc);
        }
    }

    /** Restores alarm state from the outbox and starts threads, uplinks and drivers. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("gateway '" + config.gatewayId() + "' was already started");
        }
        started = true;
        startedAt = clock.instant();
        processor = new ReadingProcessor(config, outbox, clock, forwarderWakeup::signal,
                new LocalOutputs(config.outputActions(), outputPorts()));

        engineLoop = new EngineLoop(queue, processor, settings.tickInterval());
        engineThread = new NamedThreads("engine").newThread(engineLoop);
        engineThread.start();

        forwarder = new Forwarder(outbox, uplinks, settings.forwarderWindow(), settings.publishTimeout(),
                forwarderWakeup);
        forwarderThread = new NamedThreads("forwarder").newThread(forwarder);
        forwarderThread.start();

        for (Uplink uplink : uplinks) {
            try {
                uplink.start();
            } catch (RuntimeException e) {
                LOG.warn("Uplink '{}' failed to start: {}; alarms stay in the outbox until an uplink connects",
                        uplink.id(), e.toString(), e);
            }
        }

        healthScheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("health"));
        HealthPublisher publisher = new HealthPublisher(uplinks, this::health, clock, settings.healthInterval());
        healthScheduler.scheduleWithFixedDelay(publisher, 0, HEALTH_CHECK_MS, TimeUnit.MILLISECONDS);

        driverScheduler = Executors.newScheduledThreadPool(2, new NamedThreads("driver"));
        DriverContext context = new Context(queue, clock, driverScheduler);
        for (Map.Entry<BusConfig, Driver> d : drivers.entrySet()) {
            try {
                d.getValue().start(context);
            } catch (RuntimeException e) {
                LOG.warn("Driver '{}' of bus '{}' failed to start: {}; its sensors will go OFFLINE", d.getKey().driver(),
                        d.getKey().id(), e.toString(), e);
            }
        }
        LOG.info("Gateway '{}' started: {} sensor(s) on {} bus(es), {} uplink(s)", config.gatewayId(),
                config.sensors().size(), drivers.size(), uplinks.size());
    }

    private Map<String, OutputPort> outputPorts() {
        Map<String, OutputPort> ports = new LinkedHashMap<>();
        drivers.values().forEach(d -> ports.putAll(d.outputs()));
        return ports;
    }

    /**
     * Acknowledges an active alarm (ACKED, then CLEARED if only latching held it).
     *
     * @return false if no active, unacknowledged alarm has that id
     */
    public boolean acknowledge(String alarmId, String by) {
        ReadingProcessor p = processor();
        return p != null && p.acknowledge(alarmId, by);
    }

    public GatewayHealth health() {
        Instant now = clock.instant();
        ReadingProcessor p = processor();
        List<DriverHealth> driverHealth = new ArrayList<>(drivers.size());
        drivers.forEach((bus, driver) -> driverHealth.add(driverHealth(bus, driver)));
        List<UplinkHealth> uplinkHealth = new ArrayList<>(uplinks.size());
        uplinks.forEach(u -> uplinkHealth.add(uplinkHealth(u)));
        return new GatewayHealth(config.gatewayId(), now,
                ProcessHealth.measure(startedAt == null ? now : startedAt, now),
                p == null ? List.of() : p.sensorHealth(), driverHealth, outboxStats(), uplinkHealth,
                p == null ? List.of() : p.activeAlarms());
    }

    private ReadingProcessor processor() {
        return processor;
    }

    private static DriverHealth driverHealth(BusConfig bus, Driver driver) {
        try {
            return driver.health();
        } catch (RuntimeException e) {
            return new DriverHealth(bus.id(), bus.driver(),
                    ComponentStatus.degraded("HEALTH_UNAVAILABLE", "driver health failed: " + e), Map.of(), Map.of());
        }
    }

    private UplinkHealth uplinkHealth(Uplink uplink) {
        try {
            return uplink.health();
        } catch (RuntimeException e) {
            UplinkConfig uc = uplinkConfigs.get(uplink);
            return new UplinkHealth(uc.id(), uc.type(),
                    ComponentStatus.degraded("HEALTH_UNAVAILABLE", "uplink health failed: " + e), null, 0, 0);
        }
    }

    private OutboxStats outboxStats() {
        try {
            return outbox.stats();
        } catch (RuntimeException e) {
            LOG.debug("Outbox stats unavailable: {}", e.toString());
            return null;
        }
    }

    /**
     * Stops drivers, processes the readings still queued, stops the forwarder, uplinks and
     * schedulers, and closes the outbox. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        drivers.forEach((bus, driver) -> {
            try {
                driver.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping driver of bus '{}' failed: {}", bus.id(), e.toString());
            }
        });
        shutdown(driverScheduler, "driver");
        queue.close();
        if (engineLoop != null) {
            engineLoop.stop();
            join(engineThread);
        }
        if (forwarder != null) {
            forwarder.stop();
        }
        shutdown(healthScheduler, "health");
        // Stopping the uplinks fails their in-flight publishes, which lets the forwarder finish without
        // an interrupt: an interrupt inside outbox I/O would close the outbox file under it.
        for (Uplink uplink : uplinks) {
            try {
                uplink.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping uplink '{}' failed: {}", uplink.id(), e.toString());
            }
        }
        if (forwarder != null) {
            join(forwarderThread);
            if (forwarderThread.isAlive()) {
                forwarderThread.interrupt();
                join(forwarderThread);
            }
        }
        try {
            outbox.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the outbox failed: {}", e.toString());
        }
        if (processor != null && processor.pendingAlarms() > 0) {
            LOG.warn("{} alarm event(s) were never accepted by the outbox; the rules raise them again from the "
                    + "next readings after restart", processor.pendingAlarms());
        }
        LOG.info("Gateway '{}' stopped", config.gatewayId());
    }

    private static void shutdown(ScheduledExecutorService scheduler, String role) {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(JOIN_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("The {} threads did not stop within {} ms", role, JOIN_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(JOIN_MS);
            if (thread.isAlive()) {
                LOG.warn("Thread {} did not stop within {} ms", thread.getName(), JOIN_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Context(ReadingSink readings, Clock clock, ScheduledExecutorService scheduler)
            implements DriverContext {
    }
}
