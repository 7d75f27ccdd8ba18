package dev.vigil.core.alarm;

import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.wire.AlarmEventCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes alarm events durable, strictly in sequence order. An event counts as accepted only once
 * {@link Outbox#appendAlarm} returned; it is then logged (the one INFO line per alarm event).
 * If the outbox fails, the event stays pending in memory, keeps its sequence number, and is
 * retried with backoff (engine clock) while later events wait behind it.
 */
public final class AlarmRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmRecorder.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String gatewayId;
    private final Outbox outbox;
    private final Clock clock;
    private final Runnable onAccepted;
    private final Deque<PendingAlarm> pending = new ArrayDeque<>();
    private Duration backoff = Duration.ZERO;
    private Instant retryAt = Instant.MIN;
    private long failures;

    /** @param onAccepted called after events were accepted (wakes the forwarder) */
    public AlarmRecorder(String gatewayId, Outbox outbox, Clock clock, Runnable onAccepted) {
        this.gatewayId = gatewayId;
        this.outbox = outbox;
        this.clock = clock;
        this.onAccepted = onAccepted;
    }

    public void submit(Collection<PendingAlarm> events) {
        pending.addAll(events);
        flush();
    }

    /** Commits pending events in order until one fails or none is left; waits out the backoff first. */
    public void flush() {
        if (pending.isEmpty() || clock.instant().isBefore(retryAt)) {
            return;
        }
        boolean accepted = false;
        while (!pending.isEmpty()) {
            PendingAlarm next = pending.peekFirst();
            AlarmEvent e = next.event();
            try {
                Map<String, byte[]> state = new HashMap<>(2);
                state.put(next.key().storageKey(),
                        next.stateAfter() == null ? null : ActiveAlarmCodec.encode(next.stateAfter()));
                outbox.appendAlarm(e.sequence(), AlarmEventCodec.encode(gatewayId, e), state);
            } catch (RuntimeException ex) {
                failures++;
                backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
                retryAt = clock.instant().plus(backoff);
                LOG.warn("Outbox refused alarm event seq={} id={} transition={} sensor={}: {}; the event stays "
                        + "pending in memory ({} waiting) and is retried in {} ms", e.sequence(), e.alarmId(),
                        e.transition(), e.sensorId(), ex.toString(), pending.size(), backoff.toMillis());
                break;
            }
            pending.removeFirst();
            backoff = Duration.ZERO;
            accepted = true;
            LOG.info("ALARM accepted seq={} id={} transition={} sensor={} level={}", e.sequence(), e.alarmId(),
                    e.transition(), e.sensorId(), e.level());
        }
        if (accepted) {
            onAccepted.run();
        }
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Commit attempts that failed since start. */
    public long failures() {
        return failures;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
