package dev.vigil.driver.simulated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock and a scheduler that move only when the test calls {@link #advance}: every task due
 * by then runs on the test's thread, in time order, with the clock set to its due time.
 */
final class ManualTime {

    private Instant now;
    private long order;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Scheduler scheduler = new Scheduler();

    ManualTime(Instant start) {
        this.now = start;
    }

    Clock clock() {
        return clock;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    int pendingTasks() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    void advance(Duration by) {
        Instant until = now.plus(by);
        while (!queue.isEmpty() && !queue.peek().due.isAfter(until)) {
            Task t = queue.poll();
            if (t.cancelled) {
                continue;
            }
            now = t.due;
            t.action.run();
            if (t.period != null && !t.cancelled) {
                t.due = t.due.plus(t.period);
                t.order = order++;
                queue.add(t);
            }
        }
        now = until;
    }

    private final class Task implements ScheduledFuture<Object> {
        Instant due;
        long order;
        final Duration period;
        final Runnable action;
        boolean cancelled;

        Task(Instant due, Duration period, Runnable action) {
            this.due = due;
            this.period = period;
            this.action = action;
            this.order = ManualTime.this.order++;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now, due));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
        private boolean shutdown;

        private Task add(long delay, long period, TimeUnit unit, Runnable action) {
            Task t = new Task(now.plusNanos(unit.toNanos(delay)), period > 0 ? Duration.ofNanos(unit.toNanos(period)) : null, action);
            queue.add(t);
            return t;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return add(delay, 0, unit, command);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not needed by the code under test");
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return add(initialDelay, period, unit, command);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return add(initialDelay, delay, unit, command);
        }

        @Override
        public void execute(Runnable command) {
            add(0, 0, TimeUnit.NANOSECONDS, command);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return new ArrayList<>();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
