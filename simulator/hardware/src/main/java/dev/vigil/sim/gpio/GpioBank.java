package dev.vigil.sim.gpio;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated header pins: inputs the scenario drives (smoke detectors, contacts) and outputs the
 * gateway drives (siren relay, beacon) whose every change is recorded with its time.
 */
public final class GpioBank {

    public enum Direction { INPUT, OUTPUT }

    /** One pin by BCM number; {@code activeHigh} says which level means "smoke" / "on". */
    public record Pin(int number, String id, Direction direction, boolean activeHigh) {
    }

    /** A level change on a pin, from the scenario (input) or the gateway (output). */
    public record Change(Instant at, int pin, String id, boolean level, String by) {
    }

    /** Notified on every level change. Must return quickly. */
    public interface Listener {
        void changed(int pin, boolean level);
    }

    private final Clock clock;
    private final Map<Integer, Pin> pins = new TreeMap<>();
    private final Map<Integer, Boolean> levels = new TreeMap<>();
    private final List<Change> history = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public GpioBank(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized GpioBank define(Pin pin, boolean initialLevel) {
        if (pin.number() < 0 || pin.number() > 53) {
            throw new IllegalArgumentException("GPIO " + pin.number() + " (" + pin.id() + ") outside BCM 0..53");
        }
        if (pins.putIfAbsent(pin.number(), pin) != null) {
            throw new IllegalArgumentException("GPIO " + pin.number() + " used by both " + pins.get(pin.number()).id() + " and " + pin.id());
        }
        levels.put(pin.number(), initialLevel);
        return this;
    }

    public synchronized Pin pin(int number) {
        Pin p = pins.get(number);
        if (p == null) {
            throw new IllegalArgumentException("GPIO " + number + " is not defined in the scenario; defined: " + pins.keySet());
        }
        return p;
    }

    public synchronized Pin pinById(String id) {
        return pins.values().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no GPIO pin named '" + id + "'"));
    }

    public synchronized Collection<Pin> pins() {
        return List.copyOf(pins.values());
    }

    public synchronized boolean level(int number) {
        pin(number);
        return levels.get(number);
    }

    /** Sets a pin's electrical level; {@code by} names who did it (scenario event, gateway). */
    public void set(int number, boolean level, String by) {
        Pin p;
        synchronized (this) {
            p = pin(number);
            if (levels.put(number, level) == level) {
                return;
            }
            history.add(new Change(clock.instant(), number, p.id(), level, by));
        }
        for (Listener l : listeners) {
            l.changed(number, level);
        }
    }

    /** Sets an input to its active (true) or idle level. */
    public void setActive(String id, boolean active, String by) {
        Pin p = pinById(id);
        set(p.number(), active == p.activeHigh(), by);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public List<Change> history() {
        return new ArrayList<>(history);
    }
}
