package dev.vigil.driver.modbus;

import dev.vigil.core.model.Reading;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.ReadingSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Test helper: a driver context that keeps every reading, and a deadline wait. */
final class Readings implements DriverContext, AutoCloseable {

    final List<Reading> all = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    Readings(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ReadingSink readings() {
        return all::add;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    List<Reading> of(String sensorId) {
        return all.stream().filter(r -> r.sensorId().equals(sensorId)).collect(Collectors.toList());
    }

    Reading last(String sensorId) {
        List<Reading> rs = of(sensorId);
        return rs.isEmpty() ? null : rs.get(rs.size() - 1);
    }

    static void await(Duration max, BooleanSupplier condition, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + max.toMillis() + " ms: " + what.get());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
