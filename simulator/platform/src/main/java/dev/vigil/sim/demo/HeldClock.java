package dev.vigil.sim.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The scenario's clock in the demo: stands still until {@link #release()}, then runs at wall-clock
 * speed from where it stood. The simulator opens its ports at once (the gateway needs them to
 * start), but its timeline should start when the gateway is up, not while its JVM boots.
 */
final class HeldClock extends Clock {

    private final Instant heldAt = Instant.now();
    private volatile Duration behindWall;

    /** Starts the clock; later calls do nothing. */
    synchronized void release() {
        if (behindWall == null) {
            behindWall = Duration.between(heldAt, Instant.now());
        }
    }

    boolean released() {
        return behindWall != null;
    }

    @Override
    public Instant instant() {
        Duration behind = behindWall;
        return behind == null ? heldAt : Instant.now().minus(behind);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo's scenario clock is UTC only");
    }
}
