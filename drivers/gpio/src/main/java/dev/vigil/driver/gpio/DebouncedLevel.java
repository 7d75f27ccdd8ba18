package dev.vigil.driver.gpio;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Software debounce of one input: a new level is believed only after it held for the debounce
 * time without another edge. A contact that chatters faster than that never changes the stable
 * level, so it cannot produce a storm of readings. Edges arrive on the GPIO library's thread;
 * settling runs on the engine's driver scheduler.
 */
final class DebouncedLevel {

    private final Duration debounce;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Boolean> onStableChange;
    private boolean raw;
    private boolean stable;
    private long generation;
    private long edges;
    private ScheduledFuture<?> pending;
    private boolean closed;

    /** @param onStableChange called with the new stable level, outside the lock */
    DebouncedLevel(Duration debounce, ScheduledExecutorService scheduler, Consumer<Boolean> onStableChange) {
        this.debounce = debounce;
        this.scheduler = scheduler;
        this.onStableChange = onStableChange;
    }

    /** Takes the level read when the line was opened as stable. */
    synchronized void start(boolean level) {
        raw = level;
        stable = level;
    }

    /** One edge from the hardware. */
    void edge(boolean level) {
        long g;
        synchronized (this) {
            if (closed || level == raw) {
                return;
            }
            raw = level;
            edges++;
            g = ++generation;
            if (pending != null) {
                pending.cancel(false);
            }
            if (!debounce.isZero()) {
                pending = scheduler.schedule(() -> settle(g), debounce.toNanos(), TimeUnit.NANOSECONDS);
                return;
            }
        }
        settle(g);
    }

    private void settle(long g) {
        boolean now;
        synchronized (this) {
            if (closed || g != generation || raw == stable) {
                return;
            }
            stable = raw;
            now = stable;
            pending = null;
        }
        onStableChange.accept(now);
    }

    synchronized boolean stable() {
        return stable;
    }

    synchronized long edges() {
        return edges;
    }

    synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
