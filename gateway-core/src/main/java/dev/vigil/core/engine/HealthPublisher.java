package dev.vigil.core.engine;

import dev.vigil.core.health.GatewayHealth;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.wire.HealthCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the health document through the first connected uplink: as soon as one is
 * connected after start, then every interval (engine clock). Best effort: a failed publish is
 * retried at the next check, never stored.
 */
final class HealthPublisher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthPublisher.class);

    private final List<Uplink> uplinks;
    private final Supplier<GatewayHealth> health;
    private final Clock clock;
    private final Duration interval;
    private Instant lastPublished;

    HealthPublisher(List<Uplink> uplinks, Supplier<GatewayHealth> health, Clock clock, Duration interval) {
        this.uplinks = List.copyOf(uplinks);
        this.health = health;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        if (lastPublished != null && now.isBefore(lastPublished.plus(interval))) {
            return;
        }
        Uplink uplink = uplinks.stream().filter(Uplink::isConnected).findFirst().orElse(null);
        if (uplink == null) {
            return;
        }
        try {
            uplink.publishHealth(HealthCodec.encode(health.get()));
            lastPublished = now;
        } catch (RuntimeException e) {
            LOG.warn("Publishing the health document through uplink '{}' failed: {}; trying again in a second",
                    uplink.id(), e.toString());
        }
    }
}
