package dev.vigil.core.engine;

import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.spi.Uplink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds through the first connected uplink: the oldest unacknowledged
 * entries, the whole alarm lane before any telemetry, in sequence order, at most {@code window}
 * publishes in flight. An entry is deleted only after its publish completed normally; after a
 * failure it backs off and resends from the oldest unacknowledged entry (duplicates possible,
 * loss not). Order of first arrival relies on the uplink keeping the order of publishes on one
 * connection, as MQTT does for QoS 1 (MQTT 3.1.1 section 4.6).
 */
final class Forwarder implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final long NOT_CONNECTED_POLL_MS = 100;
    private static final long IDLE_POLL_MS = 1000;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final List<Uplink> uplinks;
    private final int window;
    private final Duration publishTimeout;
    private final Wakeup wakeup;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private Duration backoff = Duration.ZERO;
    private boolean failing;
    private boolean madeProgress;
    private boolean outboxFailing;

    Forwarder(Outbox outbox, List<Uplink> uplinks, int window, Duration publishTimeout, Wakeup wakeup) {
        if (window < 1) {
            throw new IllegalArgumentException("forwarder window must be >= 1, was " + window);
        }
        this.outbox = outbox;
        this.uplinks = List.copyOf(uplinks);
        this.window = window;
        this.publishTimeout = publishTimeout;
        this.wakeup = wakeup;
    }

    void stop() {
        running = false;
        stopped.countDown();
        wakeup.signal();
    }

    @Override
    public void run() {
        while (running) {
            try {
                Uplink uplink = firstConnected();
                if (uplink == null) {
                    wakeup.await(NOT_CONNECTED_POLL_MS);
                    continue;
                }
                Lane lane = Lane.ALARM;
                List<OutboxEntry> entries = outbox.oldest(Lane.ALARM, window);
                if (entries.isEmpty()) {
                    lane = Lane.TELEMETRY;
                    entries = outbox.oldest(Lane.TELEMETRY, window);
                }
                if (entries.isEmpty()) {
                    wakeup.await(IDLE_POLL_MS);
                    continue;
                }
                outboxFailing = false;
                if (send(uplink, lane, entries)) {
                    if (failing) {
                        LOG.info("Uplink '{}' accepts messages again; forwarding resumed", uplink.id());
                    }
                    failing = false;
                    backoff = Duration.ZERO;
                } else {
                    backoff = nextBackoff();
                    if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!outboxFailing) {
                    LOG.warn("Reading or deleting outbox entries failed: {}; nothing is deleted that was not "
                            + "acknowledged, retrying every {} ms", e.toString(), MAX_BACKOFF.toMillis(), e);
                } else {
                    LOG.debug("Outbox still failing: {}", e.toString());
                }
                outboxFailing = true;
                try {
                    if (stopped.await(MAX_BACKOFF.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Doubles up to the maximum while nothing gets through; partial progress starts over. */
    private Duration nextBackoff() {
        if (backoff.isZero() || madeProgress) {
            return FIRST_BACKOFF;
        }
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private Uplink firstConnected() {
        for (Uplink uplink : uplinks) {
            if (uplink.isConnected()) {
                return uplink;
            }
        }
        return null;
    }

    /** Publishes the window and deletes what was acknowledged; false if anything failed. */
    private boolean send(Uplink uplink, Lane lane, List<OutboxEntry> entries) throws InterruptedException {
        List<CompletableFuture<Void>> acks = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            try {
                acks.add(uplink.publish(entry).toCompletableFuture());
            } catch (RuntimeException e) {
                acks.add(CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        OutboxEntry firstFailed = null;
        Throwable cause = null;
        madeProgress = false;
        for (int i = 0; i < entries.size(); i++) {
            OutboxEntry entry = entries.get(i);
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outbox.acknowledge(lane, entry.sequence());
                madeProgress = true;
            } catch (ExecutionException | TimeoutException e) {
                if (firstFailed == null) {
                    firstFailed = entry;
                    cause = e instanceof ExecutionException ? e.getCause() : e;
                }
            }
        }
        if (firstFailed == null) {
            return true;
        }
        Duration next = nextBackoff();
        if (!failing) {
            LOG.warn("Uplink '{}' did not acknowledge {} seq={} ({}); it stays in the outbox and is resent from "
                    + "the oldest unacknowledged entry with backoff (first retry in about {} ms)", uplink.id(),
                    lane.name().toLowerCase(), firstFailed.sequence(),
                    cause instanceof TimeoutException ? "no acknowledgement within " + publishTimeout.toMillis() + " ms"
                            : String.valueOf(cause), next.toMillis());
        } else {
            LOG.debug("Uplink '{}' still failing at {} seq={}: {}", uplink.id(), lane, firstFailed.sequence(), cause);
        }
        failing = true;
        return false;
    }
}
