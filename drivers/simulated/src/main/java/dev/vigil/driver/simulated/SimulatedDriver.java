package dev.vigil.driver.simulated;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays each sensor's {@link SensorScript} on the engine's scheduler: one reading every
 * {@code every}, the first at start, stamped with the context clock. Time in the scripts is
 * measured from {@link #start} on that clock.
 */
final class SimulatedDriver implements Driver {

    private final String busId;
    private final List<SensorScript> scripts;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final AtomicLong readings = new AtomicLong();
    private volatile DriverContext context;
    private volatile Instant startedAt;
    private volatile boolean stopped;

    SimulatedDriver(String busId, List<SensorScript> scripts) {
        this.busId = busId;
        this.scripts = List.copyOf(scripts);
    }

    @Override
    public synchronized void start(DriverContext context) {
        if (this.context != null) {
            throw new IllegalStateException("simulated bus " + busId + " was already started");
        }
        this.context = context;
        this.startedAt = context.clock().instant();
        for (SensorScript script : scripts) {
            long everyMs = script.every().toMillis();
            tasks.add(context.scheduler().scheduleAtFixedRate(() -> play(script), 0, everyMs, TimeUnit.MILLISECONDS));
        }
    }

    private void play(SensorScript script) {
        if (stopped) {
            return;
        }
        Instant now = context.clock().instant();
        Duration sinceStart = Duration.between(startedAt, now);
        if (!script.reportsAt(sinceStart)) {
            return;
        }
        context.readings().accept(script.readingAt(sinceStart, now));
        readings.incrementAndGet();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        tasks.forEach(t -> t.cancel(false));
        tasks.clear();
    }

    @Override
    public DriverHealth health() {
        ComponentStatus status;
        Map<String, ComponentStatus> devices = new LinkedHashMap<>();
        if (context == null) {
            status = ComponentStatus.UNKNOWN;
        } else if (stopped) {
            status = ComponentStatus.offline("STOPPED", "simulated bus " + busId + " stopped");
        } else {
            status = ComponentStatus.online("simulated bus " + busId + " playing " + scripts.size() + " sensor(s)");
            Duration sinceStart = Duration.between(startedAt, context.clock().instant());
            for (SensorScript s : scripts) {
                devices.put(s.sensorId(), s.reportsAt(sinceStart)
                        ? ComponentStatus.online("playing")
                        : ComponentStatus.offline("SILENT", "scripted silence since " + s.silentAfter().toMillis() + " ms after start"));
            }
        }
        return new DriverHealth(busId, SimulatedDriverFactory.TYPE, status, Map.of("readings", readings.get()), devices);
    }
}
