package dev.vigil.core.spi;

import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.OutboxEntry;
import java.util.concurrent.CompletionStage;

/**
 * One northbound link to the platform. Lifecycle: created by its {@link UplinkFactory}, then
 * {@link #start()} once (returns at once; connecting and reconnecting happen in the background),
 * then {@link #stop()} once.
 */
public interface Uplink {

    String id();

    void start();

    /** Disconnects cleanly (publishing "offline" where the protocol has a status) and releases threads. */
    void stop();

    /** Whether the link is connected now, so the forwarder does not queue into a dead link. */
    boolean isConnected();

    /**
     * Sends an outbox entry. The stage completes normally only when the upstream acknowledged it
     * (e.g. MQTT PUBACK), and exceptionally when sending failed or timed out; it always completes.
     */
    CompletionStage<Void> publish(OutboxEntry entry);

    /**
     * Publishes the gateway's health document (see docs/protocol.md), best effort: not stored,
     * not retried.
     */
    void publishHealth(byte[] payload);

    UplinkHealth health();
}
