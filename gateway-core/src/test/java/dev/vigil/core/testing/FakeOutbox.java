package dev.vigil.core.testing;

import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxException;
import dev.vigil.core.outbox.OutboxStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Outbox} with the contract's semantics (strictly increasing sequences per
 * lane, alarm state committed with the alarm), whose contents survive {@link #reopen()} like a
 * file would, and which can be told to fail appends.
 */
public final class FakeOutbox implements Outbox {

    /** What would be on disk. */
    private static final class Store {
        final Map<Lane, TreeMap<Long, OutboxEntry>> lanes = new EnumMap<>(Lane.class);
        final Map<Lane, Long> last = new EnumMap<>(Lane.class);
        final Map<String, byte[]> alarmState = new HashMap<>();
        final List<Long> alarmAppends = new ArrayList<>();

        Store() {
            for (Lane lane : Lane.values()) {
                lanes.put(lane, new TreeMap<>());
                last.put(lane, 0L);
            }
        }
    }

    private final Store store;
    private final Clock clock;
    private final AtomicInteger failAlarmAppends = new AtomicInteger();
    private volatile boolean closed;

    public FakeOutbox(Clock clock) {
        this(new Store(), clock);
    }

    private FakeOutbox(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The same contents, as a process restart would find them. */
    public FakeOutbox reopen() {
        return new FakeOutbox(store, clock);
    }

    /** The next {@code n} alarm appends throw. */
    public void failNextAlarmAppends(int n) {
        failAlarmAppends.set(n);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void appendAlarm(long sequence, byte[] payload, Map<String, byte[]> alarmStateChanges) {
        synchronized (store) {
            checkOpen();
            if (failAlarmAppends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new OutboxException("disk full writing /tmp/fake-outbox/segment-1.db");
            }
            append(Lane.ALARM, sequence, payload);
            alarmStateChanges.forEach((k, v) -> {
                if (v == null) {
                    store.alarmState.remove(k);
                } else {
                    store.alarmState.put(k, v.clone());
                }
            });
            store.alarmAppends.add(sequence);
        }
    }

    @Override
    public void appendTelemetry(long sequence, byte[] payload) {
        synchronized (store) {
            checkOpen();
            append(Lane.TELEMETRY, sequence, payload);
        }
    }

    private void append(Lane lane, long sequence, byte[] payload) {
        long last = store.last.get(lane);
        if (sequence <= last) {
            throw new IllegalArgumentException(lane + " sequence " + sequence + " is not above " + last);
        }
        store.last.put(lane, sequence);
        store.lanes.get(lane).put(sequence, new OutboxEntry(lane, sequence, clock.instant(), payload.clone()));
    }

    @Override
    public long lastSequence(Lane lane) {
        synchronized (store) {
            return store.last.get(lane);
        }
    }

    @Override
    public Map<String, byte[]> alarmState() {
        synchronized (store) {
            return new HashMap<>(store.alarmState);
        }
    }

    @Override
    public List<OutboxEntry> oldest(Lane lane, int max) {
        synchronized (store) {
            checkOpen();
            return store.lanes.get(lane).values().stream().limit(max).toList();
        }
    }

    @Override
    public void acknowledge(Lane lane, long sequence) {
        synchronized (store) {
            store.lanes.get(lane).remove(sequence);
        }
    }

    @Override
    public OutboxStats stats() {
        synchronized (store) {
            Instant oldest = store.lanes.values().stream().flatMap(m -> m.values().stream())
                    .map(OutboxEntry::storedAt).min(Instant::compareTo).orElse(null);
            long bytes = store.lanes.get(Lane.TELEMETRY).values().stream().mapToLong(e -> e.payload().length).sum();
            return new OutboxStats(store.lanes.get(Lane.ALARM).size(), store.lanes.get(Lane.TELEMETRY).size(), bytes,
                    oldest, 0, bytes, 1);
        }
    }

    /** Every entry still unacknowledged in {@code lane}. */
    public List<OutboxEntry> entries(Lane lane) {
        synchronized (store) {
            return List.copyOf(store.lanes.get(lane).values());
        }
    }

    /** Sequences of every alarm append that succeeded, in order. */
    public List<Long> alarmAppends() {
        synchronized (store) {
            return List.copyOf(store.alarmAppends);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new OutboxException("outbox is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
