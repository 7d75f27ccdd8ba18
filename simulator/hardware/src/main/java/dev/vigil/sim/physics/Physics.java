package dev.vigil.sim.physics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the physical models from a clock in fixed steps. Each model gets its own Random derived
 * from the run's seed and the model's name, so adding a model to a scenario does not change the
 * values of the others, and the same seed replays a run exactly.
 */
public final class Physics {

    private final Clock clock;
    private final long seed;
    private final long stepNanos;
    private final List<PhysicalModel> models = new CopyOnWriteArrayList<>();
    private Instant simulatedUpTo;

    public Physics(Clock clock, long seed, Duration step) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seed = seed;
        this.stepNanos = step.toNanos();
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("physics step must be positive, got " + step);
        }
        this.simulatedUpTo = clock.instant();
    }

    public Physics(Clock clock, long seed) {
        this(clock, seed, Duration.ofMillis(100));
    }

    /** Starts simulated time at {@code instant} (nothing before it is simulated). */
    public synchronized void startAt(Instant instant) {
        simulatedUpTo = instant;
    }

    /** A random source for the model called {@code name}, reproducible from the seed. */
    public Random randomFor(String name) {
        return new Random(seed * 31 + name.hashCode());
    }

    public <M extends PhysicalModel> M add(M model) {
        models.add(model);
        return model;
    }

    public long seed() {
        return seed;
    }

    /** Advances every model to the clock's present time in whole steps. */
    public synchronized void tick() {
        Instant now = clock.instant();
        double stepSeconds = stepNanos / 1e9;
        while (!simulatedUpTo.plusNanos(stepNanos).isAfter(now)) {
            for (PhysicalModel m : models) {
                m.advance(stepSeconds);
            }
            simulatedUpTo = simulatedUpTo.plusNanos(stepNanos);
        }
    }

    /** Ticks on {@code scheduler} every step of wall time until the returned future is cancelled. */
    public ScheduledFuture<?> startTicking(ScheduledExecutorService scheduler) {
        return scheduler.scheduleAtFixedRate(this::tick, stepNanos, stepNanos, TimeUnit.NANOSECONDS);
    }
}
