package dev.vigil.core.engine;

import java.time.Duration;

/**
 * Engine tuning that is not part of the site file.
 *
 * @param readingQueueCapacity readings waiting for the engine thread before drivers are blocked
 * @param tickInterval         how often delays and timeouts are evaluated without new readings
 * @param forwarderWindow      publishes in flight at most; an uplink must accept this many unacknowledged
 *                             publishes (Paho mqttv3 allows 10 by default)
 * @param publishTimeout       how long the forwarder waits for an uplink's acknowledgement
 * @param healthInterval       how often the health document is published
 */
public record GatewaySettings(int readingQueueCapacity, Duration tickInterval, int forwarderWindow,
        Duration publishTimeout, Duration healthInterval) {

    public static final GatewaySettings DEFAULTS = new GatewaySettings(10_000, Duration.ofMillis(250), 8,
            Duration.ofSeconds(30), Duration.ofSeconds(60));

    public GatewaySettings {
        if (readingQueueCapacity < 1 || forwarderWindow < 1) {
            throw new IllegalArgumentException("readingQueueCapacity and forwarderWindow must be >= 1");
        }
        if (tickInterval.isNegative() || tickInterval.isZero() || healthInterval.isNegative()
                || healthInterval.isZero() || publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("tickInterval, publishTimeout and healthInterval must be positive");
        }
    }

    public GatewaySettings withHealthInterval(Duration interval) {
        return new GatewaySettings(readingQueueCapacity, tickInterval, forwarderWindow, publishTimeout, interval);
    }

    public GatewaySettings withTickInterval(Duration interval) {
        return new GatewaySettings(readingQueueCapacity, interval, forwarderWindow, publishTimeout, healthInterval);
    }

    public GatewaySettings withReadingQueueCapacity(int capacity) {
        return new GatewaySettings(capacity, tickInterval, forwarderWindow, publishTimeout, healthInterval);
    }

    public GatewaySettings withForwarderWindow(int window) {
        return new GatewaySettings(readingQueueCapacity, tickInterval, window, publishTimeout, healthInterval);
    }
}
