package dev.vigil.driver.gpio;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/** An uplink whose network is down for good: never connected, every publish fails. Type "dead". */
final class DeadUplink implements Uplink {

    final AtomicLong publishAttempts = new AtomicLong();

    static UplinkFactory factory(DeadUplink uplink) {
        return new UplinkFactory() {
            @Override
            public String type() {
                return "dead";
            }

            @Override
            public List<ConfigProblem> validate(UplinkConfig config) {
                return List.of();
            }

            @Override
            public Uplink create(UplinkConfig config, String gatewayId) {
                return uplink;
            }
        };
    }

    @Override
    public String id() {
        return "platform";
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean isConnected() {
        return false;
    }

    @Override
    public CompletionStage<Void> publish(OutboxEntry entry) {
        publishAttempts.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalStateException("network down"));
    }

    @Override
    public void publishHealth(byte[] payload) {
    }

    @Override
    public UplinkHealth health() {
        return new UplinkHealth("platform", "dead", ComponentStatus.offline("NETWORK_DOWN", "no network"), null, 0, 0);
    }
}
