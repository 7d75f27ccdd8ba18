package dev.vigil.core.engine;

import dev.vigil.core.config.TelemetryConfig;
import dev.vigil.core.model.Place;
import dev.vigil.core.model.Reading;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.wire.TelemetryBatch;
import dev.vigil.core.wire.TelemetryCodec;
import dev.vigil.core.wire.TelemetryReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects readings into telemetry batches and appends each closed batch to the outbox with the
 * next telemetry sequence. A batch closes at {@code batchMaxReadings} or when its first reading
 * has waited {@code batchMaxAge} (engine clock). A batch the outbox refused is kept and retried
 * with its sequence; at most {@link #MAX_UNSTORED_BATCHES} wait, beyond that the oldest is
 * dropped with a WARN and counted (telemetry, unlike alarms, is bounded).
 */
public final class TelemetryBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryBatcher.class);
    static final int MAX_UNSTORED_BATCHES = 64;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final String gatewayId;
    private final Outbox outbox;
    private final TelemetryConfig config;
    private final Clock clock;
    private final Runnable onAppended;
    private final Deque<TelemetryBatch> unstored = new ArrayDeque<>();
    private List<TelemetryReading> open = new ArrayList<>();
    private Instant openedAt;
    private long lastSequence;
    private Instant retryAt = Instant.MIN;
    private long droppedBatches;

    public TelemetryBatcher(String gatewayId, Outbox outbox, TelemetryConfig config, Clock clock,
            long lastSequence, Runnable onAppended) {
        if (config.batchMaxReadings() < 1) {
            throw new IllegalArgumentException("batchMaxReadings must be >= 1, was " + config.batchMaxReadings());
        }
        this.gatewayId = gatewayId;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.lastSequence = lastSequence;
        this.onAppended = onAppended;
    }

    public void add(Reading reading, Place place) {
        if (open.isEmpty()) {
            openedAt = clock.instant();
        }
        open.add(new TelemetryReading(reading, place));
        if (open.size() >= config.batchMaxReadings()) {
            close();
        }
    }

    /** Closes the open batch if it is old enough, and retries batches the outbox refused. */
    public void tick() {
        if (!open.isEmpty() && !clock.instant().isBefore(openedAt.plus(config.batchMaxAge()))) {
            close();
        } else if (!unstored.isEmpty() && !clock.instant().isBefore(retryAt)) {
            store();
        }
    }

    /** Closes the open batch now (on a clean stop). */
    public void flush() {
        if (!open.isEmpty()) {
            close();
        } else {
            store();
        }
    }

    private void close() {
        unstored.addLast(new TelemetryBatch(gatewayId, ++lastSequence, open));
        open = new ArrayList<>();
        openedAt = null;
        while (unstored.size() > MAX_UNSTORED_BATCHES) {
            TelemetryBatch dropped = unstored.removeFirst();
            droppedBatches++;
            LOG.warn("Dropped telemetry batch seq={} ({} readings): the outbox refused it and {} newer batches "
                    + "are waiting; alarms are not affected", dropped.sequence(), dropped.readings().size(),
                    MAX_UNSTORED_BATCHES);
        }
        store();
    }

    private void store() {
        boolean stored = false;
        while (!unstored.isEmpty()) {
            TelemetryBatch batch = unstored.peekFirst();
            try {
                outbox.appendTelemetry(batch.sequence(), TelemetryCodec.encode(batch));
            } catch (RuntimeException e) {
                retryAt = clock.instant().plus(RETRY_AFTER);
                LOG.warn("Outbox refused telemetry batch seq={} ({} readings): {}; keeping {} batch(es) in memory "
                        + "and retrying in {} s", batch.sequence(), batch.readings().size(), e.toString(),
                        unstored.size(), RETRY_AFTER.toSeconds());
                break;
            }
            unstored.removeFirst();
            stored = true;
        }
        if (stored) {
            onAppended.run();
        }
    }

    public long lastSequence() {
        return lastSequence;
    }

    public long droppedBatches() {
        return droppedBatches;
    }

    public int openReadings() {
        return open.size();
    }
}
