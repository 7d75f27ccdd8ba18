package dev.vigil.sim.demo;

import dev.vigil.sim.scenario.SimEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * What in the simulated hardware caused each alarm, and the wall-clock instant it happened: the
 * moment a simulated value first crossed a threshold, or a timeline event (a slave going silent).
 * Keyed by gateway sensor id and alarm level ({@code OFFLINE} for offline alarms), so the demo
 * can print each alarm's latency from its cause to its arrival at the platform.
 */
final class SimulatedCauses {

    /** A cause: when it happened (wall clock) and what it was. */
    record Cause(Instant at, String what) {
    }

    private record Watch(String sensor, String level, DoubleSupplier value, double threshold, String what) {
    }

    private record EventWatch(String sensor, String level, String target, String kind) {
    }

    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final List<EventWatch> eventWatches = new CopyOnWriteArrayList<>();
    private final Map<String, Cause> causes = new ConcurrentHashMap<>();

    /** The alarm {@code level} of {@code sensor} is caused by {@code value} reaching {@code threshold}. */
    SimulatedCauses crossing(String sensor, String level, DoubleSupplier value, double threshold, String what) {
        watches.add(new Watch(sensor, level, value, threshold, what));
        return this;
    }

    /** The alarm {@code level} of {@code sensor} is caused by the timeline event {@code kind} on {@code target}. */
    SimulatedCauses event(String sensor, String level, String target, String kind) {
        eventWatches.add(new EventWatch(sensor, level, target, kind));
        return this;
    }

    /** Records the first crossing of every watched threshold; called after each simulator step. */
    void check(Instant now) {
        for (Watch w : watches) {
            String key = key(w.sensor(), w.level());
            if (!causes.containsKey(key) && w.value().getAsDouble() >= w.threshold()) {
                causes.putIfAbsent(key, new Cause(now, w.what()));
            }
        }
    }

    /** A simulator event, seen at wall-clock {@code now} (the listener runs right after the hardware changed). */
    void onEvent(SimEvent e, Instant now) {
        for (EventWatch w : eventWatches) {
            if (w.target().equals(e.target()) && w.kind().equals(e.kind())) {
                causes.putIfAbsent(key(w.sensor(), w.level()), new Cause(now, e.target() + " " + e.kind()));
            }
        }
    }

    Optional<Cause> of(String sensor, String level) {
        return Optional.ofNullable(causes.get(key(sensor, level)));
    }

    private static String key(String sensor, String level) {
        return sensor + "\u0000" + level;
    }
}
