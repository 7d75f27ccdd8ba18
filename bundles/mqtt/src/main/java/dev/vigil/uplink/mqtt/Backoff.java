package dev.vigil.uplink.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delay with jitter: attempt n waits a random time between half and all of
 * {@code min * 2^n}, capped at {@code max}, so a fleet of gateways that lost the same broker does
 * not come back in lockstep.
 */
final class Backoff {

    static final Duration DEFAULT_MIN = Duration.ofSeconds(1);
    static final Duration DEFAULT_MAX = Duration.ofSeconds(60);

    private final Duration min;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.isZero() || min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        this.random = random;
    }

    static Backoff standard() {
        return new Backoff(DEFAULT_MIN, DEFAULT_MAX, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before reconnect attempt {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        long ceiling = min.toMillis();
        for (int i = 0; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis(ceiling / 2 + Math.round(random.getAsDouble() * (ceiling - ceiling / 2)));
    }
}
