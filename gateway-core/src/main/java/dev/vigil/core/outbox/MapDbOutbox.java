package dev.vigil.core.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.core.config.OutboxConfig;

/**
 * The durable outbox on MapDB 3.1 (transactional), split into segment files so that disk use stays
 * bounded: MapDB never shrinks a transactional store, so the outbox rolls to a new segment at
 * {@link OutboxConfig#segmentMaxBytes()}, deletes a segment once everything in it is acknowledged,
 * and moves the few live entries out of an old, mostly empty segment. The on-disk format and the
 * recovery rules are described in docs/outbox.md.
 *
 * <p>One writer thread (appends) and one forwarder thread (oldest, acknowledge) may use it at the
 * same time; every call is serialised by one lock.
 */
public final class MapDbOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(MapDbOutbox.class);

    /** MapDB allocates 2 MiB up front and grows in 1 MiB steps, so smaller segments would roll on every append. */
    static final long MIN_SEGMENT_BYTES = 4L << 20;
    /** A sealed segment whose live entries are at most this fraction of a segment is compacted. */
    static final double COMPACT_LIVE_FRACTION = 0.25;
    /**
     * A sealed segment is compacted only once more bytes were acknowledged or evicted elsewhere
     * since its own last removal than it still holds (and at least this many): the forwarder and the
     * eviction have moved past it, so its remaining entries are stuck rather than about to go.
     */
    static final long COMPACT_MIN_REMOVED_ELSEWHERE_BYTES = 64L << 10;
    /** Bytes moved per compaction step, so one step never blocks an alarm append for long. */
    static final long COMPACT_STEP_BYTES = 256L << 10;
    /** Staged acknowledgements of a sealed segment are committed after this many ... */
    static final int ACK_FLUSH_COUNT = 64;
    /** ... or this long after the first one. */
    static final long ACK_FLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Rough MapDB cost of one entry beyond its bytes, for the live-bytes estimate. */
    static final int ENTRY_OVERHEAD_BYTES = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final SegmentDirectory directory;
    private final Clock clock;
    private final long telemetryMaxBytes;
    private final long segmentMaxBytes;

    private final TreeMap<Integer, Segment> segments = new TreeMap<>();
    private Segment current;
    private final Map<Lane, TreeMap<Long, Location>> index = new EnumMap<>(Lane.class);
    private final Map<Lane, Long> lastSequence = new EnumMap<>(Lane.class);
    private final Map<String, byte[]> alarmState = new TreeMap<>();
    private long telemetryBytes;
    private long evictedBatches;
    private long removedBytes;
    private boolean closed;

    /** Where an unacknowledged entry is. */
    private record Location(Segment segment, int payloadBytes, long storedAtMillis) {
        long accountedBytes() {
            return (long) payloadBytes + ENTRY_OVERHEAD_BYTES;
        }
    }

    private MapDbOutbox(SegmentDirectory directory, OutboxConfig config, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.telemetryMaxBytes = config.telemetryMaxBytes();
        this.segmentMaxBytes = Math.max(config.segmentMaxBytes(), MIN_SEGMENT_BYTES);
        for (Lane lane : Lane.values()) {
            index.put(lane, new TreeMap<>());
            lastSequence.put(lane, 0L);
        }
    }

    /**
     * Opens the outbox in {@code config.directory()}, creating it if needed, and recovers everything
     * unacknowledged. A segment that cannot be read is handled as docs/outbox.md describes: set aside
     * as {@code *.corrupt} if it can only have held telemetry, otherwise this refuses to open.
     *
     * @throws OutboxException naming the file when the outbox cannot be opened without losing alarms
     */
    public static MapDbOutbox open(OutboxConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        if (config.telemetryMaxBytes() <= 0) {
            throw new IllegalArgumentException("outbox telemetryMaxBytes must be positive, was "
                    + config.telemetryMaxBytes());
        }
        if (config.segmentMaxBytes() < MIN_SEGMENT_BYTES) {
            LOG.warn("Outbox segmentMaxBytes {} is below the minimum of {}; using {}", config.segmentMaxBytes(),
                    MIN_SEGMENT_BYTES, MIN_SEGMENT_BYTES);
        }
        SegmentDirectory directory = SegmentDirectory.lock(config.directory());
        MapDbOutbox outbox = new MapDbOutbox(directory, config, clock);
        try {
            new Recovery(outbox).run();
            return outbox;
        } catch (RuntimeException | Error e) {
            outbox.closeSegmentsQuietly();
            directory.close();
            throw e;
        }
    }

    // --- Outbox --------------------------------------------------------------------------------

    @Override
    public void appendAlarm(long sequence, byte[] payload, Map<String, byte[]> alarmStateChanges) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(alarmStateChanges, "alarmStateChanges");
        lock.lock();
        try {
            ensureOpen();
            requireAbove(Lane.ALARM, sequence);
            long now = clock.millis();
            Segment target = current;
            try {
                target.put(Lane.ALARM, sequence, now, payload);
                target.applyStateChanges(alarmStateChanges);
                target.setMeta(Segment.META_LAST_ALARM, sequence);
            } catch (RuntimeException e) {
                target.abandon();
                throw new OutboxException("cannot store alarm seq=" + sequence + " in " + target.file + ": " + e, e);
            }
            target.commit();
            track(Lane.ALARM, sequence, new Location(target, payload.length, now));
            lastSequence.put(Lane.ALARM, sequence);
            for (Map.Entry<String, byte[]> c : alarmStateChanges.entrySet()) {
                if (c.getValue() == null) {
                    alarmState.remove(c.getKey());
                } else {
                    alarmState.put(c.getKey(), c.getValue().clone());
                }
            }
            rollIfFull();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void appendTelemetry(long sequence, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > telemetryMaxBytes) {
            throw new IllegalArgumentException("telemetry batch seq=" + sequence + " of " + payload.length
                    + " bytes is larger than the whole telemetry lane (telemetryMaxBytes " + telemetryMaxBytes + ")");
        }
        lock.lock();
        try {
            ensureOpen();
            requireAbove(Lane.TELEMETRY, sequence);
            int evictedNow = evictTelemetryFor(payload.length);
            long now = clock.millis();
            Segment target = current;
            try {
                target.put(Lane.TELEMETRY, sequence, now, payload);
                target.setMeta(Segment.META_LAST_TELEMETRY, sequence);
                target.setMeta(Segment.META_EVICTED, evictedBatches);
            } catch (RuntimeException e) {
                target.abandon();
                throw new OutboxException("cannot store telemetry seq=" + sequence + " in " + target.file + ": " + e, e);
            }
            target.commit();
            track(Lane.TELEMETRY, sequence, new Location(target, payload.length, now));
            lastSequence.put(Lane.TELEMETRY, sequence);
            rollIfFull();
            if (evictedNow > 0) {
                maintain();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long lastSequence(Lane lane) {
        lock.lock();
        try {
            return lastSequence.get(lane);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, byte[]> alarmState() {
        lock.lock();
        try {
            Map<String, byte[]> copy = new TreeMap<>();
            alarmState.forEach((k, v) -> copy.put(k, v.clone()));
            return Collections.unmodifiableMap(copy);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OutboxEntry> oldest(Lane lane, int max) {
        Objects.requireNonNull(lane, "lane");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        lock.lock();
        try {
            ensureOpen();
            List<OutboxEntry> entries = new ArrayList<>(Math.min(max, index.get(lane).size()));
            for (Map.Entry<Long, Location> e : index.get(lane).entrySet()) {
                if (entries.size() >= max) {
                    break;
                }
                Segment segment = e.getValue().segment();
                Segment.Stored stored;
                try {
                    stored = segment.read(lane, e.getKey());
                } catch (RuntimeException ex) {
                    throw new OutboxException("cannot read " + lane + " seq=" + e.getKey() + " from " + segment.file
                            + ": " + ex, ex);
                }
                if (stored == null || !stored.intact()) {
                    throw new OutboxException(lane + " seq=" + e.getKey() + " in " + segment.file
                            + (stored == null ? " is missing" : " fails its checksum"));
                }
                entries.add(new OutboxEntry(lane, e.getKey(), Instant.ofEpochMilli(stored.storedAtMillis()),
                        stored.payload()));
            }
            flushDueRemovals();
            return entries;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledge(Lane lane, long sequence) {
        Objects.requireNonNull(lane, "lane");
        lock.lock();
        try {
            ensureOpen();
            Location location = untrack(lane, sequence);
            if (location == null) {
                return;
            }
            removeForGood(location, lane, sequence);
            maintain();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OutboxStats stats() {
        lock.lock();
        try {
            ensureOpen();
            Instant oldest = null;
            for (TreeMap<Long, Location> lane : index.values()) {
                if (!lane.isEmpty()) {
                    Instant at = Instant.ofEpochMilli(lane.firstEntry().getValue().storedAtMillis());
                    oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
                }
            }
            long fileBytes = 0;
            for (Segment s : segments.values()) {
                fileBytes += directory.bytesOf(s.file);
            }
            return new OutboxStats(index.get(Lane.ALARM).size(), index.get(Lane.TELEMETRY).size(), telemetryBytes,
                    oldest, evictedBatches, fileBytes, segments.size());
        } finally {
            lock.unlock();
        }
    }

    /** The directory this outbox keeps its segments in. */
    public Path directory() {
        return directory.directory();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Segment s : segments.values()) {
                if (s.stagedRemovals() > 0) {
                    try {
                        s.commit();
                    } catch (OutboxException e) {
                        LOG.warn("Could not persist {} acknowledgements in {} on close; those entries will be sent "
                                + "again after restart: {}", s.stagedRemovals(), s.file, e.getMessage());
                    }
                }
            }
            closeSegmentsQuietly();
            directory.close();
        } finally {
            lock.unlock();
        }
    }

    // --- bookkeeping ---------------------------------------------------------------------------

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("outbox " + directory.directory() + " is closed");
        }
    }

    private void requireAbove(Lane lane, long sequence) {
        long last = lastSequence.get(lane);
        if (sequence <= last) {
            throw new IllegalArgumentException(lane + " sequence " + sequence + " is not above the last stored "
                    + last + " in " + directory.directory());
        }
    }

    private void track(Lane lane, long sequence, Location location) {
        Location previous = index.get(lane).put(sequence, location);
        if (previous != null) {
            forget(lane, previous);
        }
        location.segment().liveEntries++;
        location.segment().liveBytes += location.accountedBytes();
        if (lane == Lane.TELEMETRY) {
            telemetryBytes += location.payloadBytes();
        }
    }

    private Location untrack(Lane lane, long sequence) {
        Location location = index.get(lane).remove(sequence);
        if (location != null) {
            forget(lane, location);
        }
        return location;
    }

    private void forget(Lane lane, Location location) {
        location.segment().liveEntries--;
        location.segment().liveBytes -= location.accountedBytes();
        if (lane == Lane.TELEMETRY) {
            telemetryBytes -= location.payloadBytes();
        }
    }

    /** Stages the deletion of an acknowledged or evicted entry and notes which segment it hit. */
    private void removeForGood(Location location, Lane lane, long sequence) {
        location.segment().removeLater(lane, sequence);
        removedBytes += location.accountedBytes();
        location.segment().lastRemovalMark = removedBytes;
    }

    /** Evicts the oldest telemetry batches until {@code incoming} more bytes fit; alarms are never touched. */
    private int evictTelemetryFor(long incoming) {
        int evicted = 0;
        TreeMap<Long, Location> lane = index.get(Lane.TELEMETRY);
        while (!lane.isEmpty() && telemetryBytes + incoming > telemetryMaxBytes) {
            long sequence = lane.firstKey();
            Location location = untrack(Lane.TELEMETRY, sequence);
            removeForGood(location, Lane.TELEMETRY, sequence);
            evicted++;
        }
        if (evicted > 0) {
            evictedBatches += evicted;
            LOG.debug("Evicted {} oldest telemetry batches to stay within {} bytes", evicted, telemetryMaxBytes);
        }
        return evicted;
    }

    // --- segments ------------------------------------------------------------------------------

    private void rollIfFull() {
        long size;
        try {
            size = Files.size(current.file);
        } catch (IOException e) {
            LOG.warn("Cannot read the size of outbox segment {} ({}); not rolling to a new segment now",
                    current.file, e.toString());
            return;
        }
        if (size < segmentMaxBytes) {
            return;
        }
        try {
            roll();
        } catch (OutboxException e) {
            LOG.warn("Could not start a new outbox segment after {} ({}); still appending to {}", current.file,
                    e.getMessage(), current.file);
        }
    }

    /**
     * Starts the next segment: written and committed under a temporary name, then renamed, so the
     * highest-numbered segment file is always complete (holds state, counters and catalog).
     */
    private void roll() {
        int id = current.id + 1;
        Map<Integer, long[]> catalog = current.readCatalog();
        catalog.put(current.id, alarmSummary(current));
        catalog.keySet().retainAll(segments.keySet());
        Segment fresh = createSegment(directory, id, alarmState, lastSequence.get(Lane.ALARM),
                lastSequence.get(Lane.TELEMETRY), evictedBatches, catalog);
        fresh.lastRemovalMark = removedBytes;
        segments.put(id, fresh);
        Segment sealed = current;
        current = fresh;
        LOG.debug("Outbox rolled from {} to {}", sealed.file, fresh.file);
        if (sealed.liveEntries == 0) {
            dropSegment(sealed);
        } else if (sealed.stagedRemovals() > 0) {
            commitQuietly(sealed);
        }
    }

    static Segment createSegment(SegmentDirectory directory, int id, Map<String, byte[]> state, long lastAlarm,
            long lastTelemetry, long evicted, Map<Integer, long[]> catalog) {
        Path temp = directory.newSegmentFile(id);
        Path target = directory.segmentFile(id);
        directory.delete(temp); // a leftover of an earlier failed attempt
        Segment building = Segment.open(id, temp);
        try {
            building.initialise(state, lastAlarm, lastTelemetry, evicted, catalog);
            building.commit();
        } finally {
            building.close();
        }
        directory.publish(temp, target);
        return Segment.open(id, target);
    }

    /** {alarm entries, lowest alarm seq, highest alarm seq} of the unacknowledged alarms in {@code segment}. */
    private long[] alarmSummary(Segment segment) {
        long count = 0;
        long min = 0;
        long max = 0;
        for (Map.Entry<Long, Location> e : index.get(Lane.ALARM).entrySet()) {
            if (e.getValue().segment() == segment) {
                min = count == 0 ? e.getKey() : min;
                max = e.getKey();
                count++;
            }
        }
        return new long[] {count, min, max};
    }

    /** After acks and evictions: delete empty sealed segments, commit due acks, compact one step. */
    private void maintain() {
        for (Segment s : sealedSegments()) {
            if (s.liveEntries == 0) {
                dropSegment(s);
            }
        }
        flushDueRemovals();
        compactStep();
    }

    private List<Segment> sealedSegments() {
        return new ArrayList<>(segments.headMap(current.id).values());
    }

    /**
     * Deletes a sealed segment that holds nothing unacknowledged. The catalog change is committed
     * first, so a segment listed in the catalog is never missing because of the outbox itself.
     */
    private void dropSegment(Segment segment) {
        try {
            current.removeFromCatalog(segment.id);
            current.commit();
        } catch (OutboxException e) {
            LOG.warn("Could not record the removal of fully acknowledged outbox segment {} in {} ({}); keeping it "
                    + "and trying again later", segment.file, current.file, e.getMessage());
            return;
        }
        segments.remove(segment.id);
        try {
            segment.close();
            directory.delete(segment.file);
            LOG.debug("Deleted fully acknowledged outbox segment {}", segment.file);
        } catch (OutboxException e) {
            LOG.warn("Could not delete fully acknowledged outbox segment {} ({}); it will be removed at the next start",
                    segment.file, e.getMessage());
        }
    }

    private void flushDueRemovals() {
        long now = System.nanoTime();
        for (Segment s : segments.values()) {
            if (s.stagedRemovals() >= ACK_FLUSH_COUNT
                    || (s.stagedRemovals() > 0 && now - s.stagedSinceNanos() >= ACK_FLUSH_NANOS)) {
                commitQuietly(s);
            }
        }
    }

    private void commitQuietly(Segment s) {
        try {
            s.commit();
        } catch (OutboxException e) {
            LOG.warn("Could not persist {} acknowledgements in {} ({}); they are retried with the next commit and "
                    + "those entries would be sent again after a restart", s.stagedRemovals(), s.file, e.getMessage());
        }
    }

    /**
     * Moves up to {@link #COMPACT_STEP_BYTES} of live entries out of one sealed segment that stays
     * alive only because of a few entries: at most {@link #COMPACT_LIVE_FRACTION} of a segment is
     * live and more bytes were removed elsewhere since its last removal than it still holds (at
     * least {@link #COMPACT_MIN_REMOVED_ELSEWHERE_BYTES}). The newest sealed segment is left alone: its entries are usually still in
     * flight. Order: the copies are committed in the
     * current segment first, then removed from the old one; a crash in between leaves duplicates,
     * which recovery resolves in favour of the newer segment.
     */
    private void compactStep() {
        List<Segment> sealed = sealedSegments();
        if (sealed.size() < 2) {
            return;
        }
        long threshold = (long) (segmentMaxBytes * COMPACT_LIVE_FRACTION);
        for (Segment s : sealed.subList(0, sealed.size() - 1)) {
            if (s.liveEntries > 0 && s.liveBytes <= threshold
                    && removedBytes - s.lastRemovalMark >= Math.max(s.liveBytes, COMPACT_MIN_REMOVED_ELSEWHERE_BYTES)) {
                moveEntries(s);
                return;
            }
        }
    }

    private void moveEntries(Segment from) {
        record Move(Lane lane, long sequence, Location location) {
        }
        List<Move> moves = new ArrayList<>();
        long bytes = 0;
        for (Lane lane : Lane.values()) {
            for (Map.Entry<Long, Location> e : index.get(lane).entrySet()) {
                if (bytes >= COMPACT_STEP_BYTES) {
                    break;
                }
                if (e.getValue().segment() == from) {
                    moves.add(new Move(lane, e.getKey(), e.getValue()));
                    bytes += e.getValue().accountedBytes();
                }
            }
        }
        Segment to = current;
        try {
            for (Move m : moves) {
                byte[] raw = from.raw(m.lane(), m.sequence());
                if (raw == null) {
                    throw new OutboxException(m.lane() + " seq=" + m.sequence() + " is missing from " + from.file);
                }
                to.putRaw(m.lane(), m.sequence(), raw);
            }
            to.commit();
        } catch (RuntimeException e) {
            to.abandon();
            LOG.warn("Could not compact outbox segment {} into {} ({}); its entries stay where they are",
                    from.file, to.file, e.getMessage());
            return;
        }
        for (Move m : moves) {
            track(m.lane(), m.sequence(), new Location(to, m.location().payloadBytes(),
                    m.location().storedAtMillis()));
            from.removeLater(m.lane(), m.sequence());
        }
        if (from.liveEntries == 0) {
            dropSegment(from);
        } else {
            commitQuietly(from);
        }
        LOG.debug("Compacted {} entries from {} into {}", moves.size(), from.file, to.file);
        rollIfFull();
    }

    private void closeSegmentsQuietly() {
        for (Segment s : segments.values()) {
            try {
                s.close();
            } catch (OutboxException e) {
                LOG.warn("Could not close outbox segment {}: {}", s.file, e.getMessage());
            }
        }
        segments.clear();
    }

    // --- recovery ------------------------------------------------------------------------------

    /** Rebuilds the in-memory index from the segment files on open (docs/outbox.md, "Restart"). */
    private static final class Recovery {
        private final MapDbOutbox outbox;
        private final SegmentDirectory dir;

        Recovery(MapDbOutbox outbox) {
            this.outbox = outbox;
            this.dir = outbox.directory;
        }

        void run() {
            for (Path p : dir.deleteUnfinishedSegments()) {
                LOG.info("Removed unfinished outbox segment {} (left by a stop while rolling; it held no entries)", p);
            }
            TreeSet<Integer> ids = dir.segmentIds();
            if (ids.isEmpty()) {
                Segment first = createSegment(dir, 1, Map.of(), 0, 0, 0, Map.of());
                outbox.segments.put(1, first);
                outbox.current = first;
                return;
            }
            Segment newest = openNewest(ids.last());
            outbox.segments.put(newest.id, newest);
            outbox.current = newest;
            Map<Integer, long[]> catalog = newest.readCatalog();
            for (int id : ids.headSet(newest.id)) {
                Path file = dir.segmentFile(id);
                long[] summary = catalog.get(id);
                if (summary == null) {
                    // removed from the catalog just before a stop; everything in it was acknowledged
                    dir.delete(file);
                    LOG.info("Removed fully acknowledged outbox segment {}", file);
                    continue;
                }
                Segment s;
                try {
                    s = Segment.open(id, file);
                } catch (OutboxException e) {
                    setAsideOrRefuse(file, summary, e);
                    continue;
                }
                outbox.segments.put(id, s);
            }
            for (Segment s : new ArrayList<>(outbox.segments.values())) {
                if (!index(s, catalog.get(s.id))) {
                    outbox.segments.remove(s.id);
                }
            }
            for (Map.Entry<Integer, long[]> listed : catalog.entrySet()) {
                if (!outbox.segments.containsKey(listed.getKey())) {
                    if (!ids.contains(listed.getKey())) {
                        reportMissing(dir.segmentFile(listed.getKey()), listed.getValue());
                    }
                    newest.removeFromCatalog(listed.getKey());
                }
            }
            outbox.lastSequence.put(Lane.ALARM, Math.max(newest.meta(Segment.META_LAST_ALARM),
                    lastKey(outbox.index.get(Lane.ALARM))));
            outbox.lastSequence.put(Lane.TELEMETRY, Math.max(newest.meta(Segment.META_LAST_TELEMETRY),
                    lastKey(outbox.index.get(Lane.TELEMETRY))));
            outbox.evictedBatches = newest.meta(Segment.META_EVICTED);
            outbox.alarmState.putAll(newest.readState());
            int evicted = outbox.evictTelemetryFor(0);
            if (evicted > 0) {
                newest.setMeta(Segment.META_EVICTED, outbox.evictedBatches);
                LOG.info("Outbox telemetry exceeded {} bytes after restart (evictions not yet committed at a stop); evicted the {} oldest batches",
                        outbox.telemetryMaxBytes, evicted);
            }
            for (Segment s : outbox.segments.values()) {
                if (s.stagedRemovals() > 0 || s == newest) {
                    s.commit();
                }
            }
            outbox.maintain();
            LOG.info("Outbox {} opened: {} alarm and {} telemetry entries unacknowledged in {} segments",
                    dir.directory(), outbox.index.get(Lane.ALARM).size(), outbox.index.get(Lane.TELEMETRY).size(),
                    outbox.segments.size());
        }

        private void reportMissing(Path file, long[] summary) {
            if (summary[0] > 0) {
                LOG.error("Outbox segment {} is missing (removed by hand?); up to {} unacknowledged alarm events "
                        + "(seq {}..{}) in it are lost", file, summary[0], summary[1], summary[2]);
            } else {
                LOG.warn("Outbox segment {} is missing (removed by hand?); the telemetry batches in it are lost", file);
            }
        }

        private Segment openNewest(int id) {
            Path file = dir.segmentFile(id);
            Segment s;
            try {
                s = Segment.open(id, file);
            } catch (OutboxException e) {
                throw refusal(file, "it is the newest segment and holds the alarm state, sequence counters and "
                        + "possibly unacknowledged alarms", e);
            }
            if (!s.isInitialised()) {
                s.close();
                throw refusal(file, "it is the newest segment but lacks its format marker (not written by this "
                        + "version of Vigil?)", null);
            }
            return s;
        }

        /** Indexes a segment's entries; returns false if the segment turned out corrupt and was set aside. */
        private boolean index(Segment s, long[] summary) {
            List<long[]> found = new ArrayList<>();
            List<Lane> lanes = new ArrayList<>();
            boolean[] damaged = {false};
            try {
                s.scan((lane, seq, storedAt, bytes, intact) -> {
                    if (!intact) {
                        damaged[0] = true;
                    }
                    lanes.add(lane);
                    found.add(new long[] {seq, storedAt, bytes});
                });
            } catch (RuntimeException e) {
                return damagedSegment(s, summary, e);
            }
            if (damaged[0]) {
                return damagedSegment(s, summary, new OutboxException("an entry in " + s.file + " fails its checksum"));
            }
            for (int i = 0; i < found.size(); i++) {
                Lane lane = lanes.get(i);
                long seq = found.get(i)[0];
                Location older = outbox.index.get(lane).get(seq);
                if (older != null) {
                    // a copy made by compaction: the newer segment's copy wins, the older one goes
                    older.segment().removeLater(lane, seq);
                }
                outbox.track(lane, seq, new Location(s, (int) found.get(i)[2], found.get(i)[1]));
            }
            return true;
        }

        private boolean damagedSegment(Segment s, long[] summary, RuntimeException cause) {
            if (s == outbox.current) {
                s.close();
                throw refusal(s.file, "it is the newest segment and holds the alarm state, sequence counters and "
                        + "possibly unacknowledged alarms", cause);
            }
            s.close();
            setAsideOrRefuse(s.file, summary, cause);
            return false;
        }

        /** The corrupt-segment policy of docs/outbox.md: never drop a segment that may hold alarms. */
        private void setAsideOrRefuse(Path file, long[] summary, RuntimeException cause) {
            if (summary[0] > 0) {
                throw refusal(file, "it may hold " + summary[0] + " unacknowledged alarm events (seq " + summary[1]
                        + ".." + summary[2] + ")", cause);
            }
            Path aside = dir.moveAside(file);
            LOG.warn("Outbox segment {} cannot be read ({}); it held only telemetry, so it was moved aside to {} and "
                    + "its telemetry batches are not sent", file, cause.getMessage(), aside);
        }

        private OutboxException refusal(Path file, String why, Throwable cause) {
            String message = "outbox segment " + file + " cannot be read" + (cause == null ? "" : " (" + cause.getMessage() + ")")
                    + " and " + why + "; refusing to start rather than lose alarms. Restore the file, or move it out "
                    + "of " + dir.directory() + " to accept the loss (see docs/outbox.md, Corrupt segments)";
            return cause == null ? new OutboxException(message) : new OutboxException(message, cause);
        }

        private static long lastKey(TreeMap<Long, Location> lane) {
            return lane.isEmpty() ? 0 : lane.lastKey();
        }
    }
}
