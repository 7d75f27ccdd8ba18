package dev.vigil.core.testing;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An uplink that records what reached "the platform". It can be disconnected and told to fail
 * publishes; a failed publish did not arrive. Like one MQTT connection, by default a failed
 * publish breaks the connection: every later publish fails too until the next
 * {@link #isConnected()} check "reconnects". {@link #dropIndividually()} turns that off.
 */
public class FakeUplink implements Uplink {

    /** One message as the platform saw it. */
    public record Arrival(OutboxEntry entry, long atNanos) {
    }

    private final String id;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<byte[]> healthDocuments = new ArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Predicate<OutboxEntry> failWhen = e -> false;
    private volatile boolean connected = true;
    private volatile boolean broken;
    private volatile boolean dropIndividually;
    private volatile boolean started;
    private volatile boolean stopped;

    public FakeUplink(String id) {
        this.id = id;
    }

    /** A failed publish does not affect the ones after it (an uplink without ordering guarantees). */
    public void dropIndividually() {
        dropIndividually = true;
    }

    public void setConnected(boolean connected) {
        this.connected = connected;
    }

    /** The next {@code n} publishes fail. */
    public void failNext(int n) {
        failNext.set(n);
    }

    /** Publishes matching {@code p} fail (until replaced). */
    public void failWhen(Predicate<OutboxEntry> p) {
        failWhen = p;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        stopped = true;
        connected = false;
    }

    public boolean started() {
        return started;
    }

    public boolean stopped() {
        return stopped;
    }

    @Override
    public boolean isConnected() {
        broken = false;
        return connected;
    }

    @Override
    public CompletionStage<Void> publish(OutboxEntry entry) {
        if (!connected || broken || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || failWhen.test(entry)) {
            failures.incrementAndGet();
            broken = !dropIndividually;
            return CompletableFuture.failedFuture(new IllegalStateException("broker unreachable"));
        }
        synchronized (arrivals) {
            arrivals.add(new Arrival(entry, System.nanoTime()));
        }
        published.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void publishHealth(byte[] payload) {
        synchronized (healthDocuments) {
            healthDocuments.add(payload);
        }
    }

    public List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    public List<byte[]> healthDocuments() {
        synchronized (healthDocuments) {
            return List.copyOf(healthDocuments);
        }
    }

    @Override
    public UplinkHealth health() {
        return new UplinkHealth(id, "fake", connected ? ComponentStatus.online("fake broker")
                : ComponentStatus.offline("CONNECTION_REFUSED", "fake broker down"), null, published.get(),
                failures.get());
    }

    /** A factory handing out the given uplink. */
    public static UplinkFactory factory(FakeUplink... uplinks) {
        return new UplinkFactory() {
            private int next;

            @Override
            public String type() {
                return "fake";
            }

            @Override
            public List<ConfigProblem> validate(UplinkConfig config) {
                return new ArrayList<>();
            }

            @Override
            public Uplink create(UplinkConfig config, String gatewayId) {
                return uplinks[next++];
            }
        };
    }
}
