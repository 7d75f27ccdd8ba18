package dev.vigil.core.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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
    /** Bytes of unacknowledged alarm payloads: about the size of a fresh journal snapshot. */
    private long alarmBytes;
    private long evictedBatches;
    private long removedBytes;
    private boolean closed;
    /** The alarm journal beside the segments: rebuilds alarms, state and counters if a segment is damaged. */
    private AlarmJournal journal;

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
            if (journal.wantsRotation()) {
                rotateJournal();
            }
            // journaled and forced first: an alarm MapDB then loses to a damaged segment is rebuilt from it
            journal.appendAlarm(sequence, now, payload, alarmStateChanges);
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
            if (journal.wantsRotation()) {
                rotateJournal();
            }
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
            if (sequence > journal.telemetryReservedUpTo()) {
                // so a rebuilt outbox can continue past every telemetry sequence possibly used
                journal.reserveTelemetry(sequence + AlarmJournal.TELEMETRY_RESERVE_STEP);
            }
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
            if (lane == Lane.ALARM && journal.size() > Math.max(AlarmJournal.ROTATE_MIN_BYTES,
                    2 * (alarmBytes + 32L * index.get(Lane.ALARM).size()))) {
                // a drained backlog: a fresh snapshot is much smaller than the file, give the disk back
                rotateJournal();
            }
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
            fileBytes += journal.fileBytes();
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
            if (journal != null) {
                journal.close();
            }
            directory.close();
        } finally {
            lock.unlock();
        }
    }

    // --- alarm journal ---------------------------------------------------------------------------

    /**
     * Replaces the journal file by one starting with a snapshot of the current view. If that fails
     * the old file stays in use (it is still complete), unless a failed append left it unusable;
     * only then does this throw, and only before an append (never after a commit, which would make
     * an accepted alarm look refused).
     */
    private void rotateJournal() {
        try {
            journal.rotate(journalSnapshot(journal.telemetryReservedUpTo()));
        } catch (RuntimeException e) {
            if (journal.needsNewFile()) {
                throw e instanceof OutboxException oe ? oe
                        : new OutboxException("cannot start a new alarm journal file: " + e, e);
            }
            LOG.warn("Could not start a new alarm journal file after {} ({}); still appending to it",
                    journal.file(), e.toString());
        }
    }

    /** The alarm state, counters and every unacknowledged alarm event, as a journal snapshot. */
    private JournalState journalSnapshot(long telemetryReservedUpTo) {
        JournalState s = new JournalState();
        alarmState.forEach((k, v) -> s.state.put(k, v.clone()));
        s.lastAlarm = lastSequence.get(Lane.ALARM);
        s.telemetryReservedUpTo = telemetryReservedUpTo;
        s.evictedBatches = evictedBatches;
        for (Map.Entry<Long, Location> e : index.get(Lane.ALARM).entrySet()) {
            Segment segment = e.getValue().segment();
            Segment.Stored stored = segment.read(Lane.ALARM, e.getKey());
            if (stored == null || !stored.intact()) {
                throw new OutboxException("alarm seq=" + e.getKey() + " in " + segment.file
                        + (stored == null ? " is missing" : " fails its checksum") + "; cannot snapshot it");
            }
            s.alarms.put(e.getKey(), new JournalState.Alarm(stored.storedAtMillis(), stored.payload()));
        }
        return s;
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
        } else {
            alarmBytes += location.payloadBytes();
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
        } else {
            alarmBytes -= location.payloadBytes();
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
        return createSegment(directory, id, state, lastAlarm, lastTelemetry, evicted, catalog, Map.of());
    }

    /** As above, with alarm events (restored from the journal) stored in the same first commit. */
    static Segment createSegment(SegmentDirectory directory, int id, Map<String, byte[]> state, long lastAlarm,
            long lastTelemetry, long evicted, Map<Integer, long[]> catalog, Map<Long, JournalState.Alarm> alarms) {
        Path temp = directory.newSegmentFile(id);
        Path target = directory.segmentFile(id);
        directory.delete(temp); // a leftover of an earlier failed attempt
        Segment building = Segment.open(id, temp);
        try {
            building.initialise(state, lastAlarm, lastTelemetry, evicted, catalog);
            alarms.forEach((seq, a) -> building.put(Lane.ALARM, seq, a.storedAtMillis(), a.payload()));
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
        private static final String NEWEST_WHY = "it is the newest segment and holds the alarm state, sequence "
                + "counters and possibly unacknowledged alarms";

        private final MapDbOutbox outbox;
        private final SegmentDirectory dir;
        /** {count, lowest, highest} alarm seqs of damaged sealed segments, to restore from the journal. */
        private final List<long[]> alarmRangesToRestore = new ArrayList<>();
        /** Damaged sealed segments that may hold alarms: moved aside only after their alarms are restored. */
        private final Map<Integer, Path> pendingAside = new TreeMap<>();
        private JournalState journal;

        /** One entry found by scanning a segment. */
        private record Found(Lane lane, long sequence, long storedAtMillis, int payloadBytes) {
        }

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
                startJournal();
                return;
            }
            int newestId = ids.last();
            Segment newest = null;
            Map<Integer, long[]> catalog;
            List<Found> newestEntries;
            try {
                newest = openNewest(newestId);
                catalog = newest.readCatalog();
                newestEntries = scan(newest);
                outbox.lastSequence.put(Lane.ALARM, newest.meta(Segment.META_LAST_ALARM));
                outbox.lastSequence.put(Lane.TELEMETRY, newest.meta(Segment.META_LAST_TELEMETRY));
                outbox.evictedBatches = newest.meta(Segment.META_EVICTED);
                outbox.alarmState.putAll(newest.readState());
            } catch (RuntimeException e) {
                closeQuietly(newest);
                rebuildNewest(newestId, ids, e);
                finish();
                return;
            }
            outbox.segments.put(newest.id, newest);
            outbox.current = newest;
            Map<Segment, List<Found>> scanned = new HashMap<>();
            scanned.put(newest, newestEntries);
            for (int id : ids.headSet(newest.id)) {
                Path file = dir.segmentFile(id);
                long[] summary = catalog.get(id);
                if (summary == null) {
                    // removed from the catalog just before a stop; everything in it was acknowledged
                    dir.delete(file);
                    LOG.info("Removed fully acknowledged outbox segment {}", file);
                    continue;
                }
                Segment s = null;
                try {
                    s = Segment.open(id, file);
                    scanned.put(s, scan(s));
                } catch (RuntimeException e) {
                    closeQuietly(s);
                    setAside(id, file, summary, e);
                    continue;
                }
                outbox.segments.put(id, s);
            }
            for (Segment s : outbox.segments.values()) {
                trackAll(s, scanned.get(s)); // ascending ids: a copy in a newer segment wins
            }
            for (Map.Entry<Integer, long[]> listed : catalog.entrySet()) {
                if (!outbox.segments.containsKey(listed.getKey()) && !pendingAside.containsKey(listed.getKey())) {
                    if (!ids.contains(listed.getKey())) {
                        reportMissing(dir.segmentFile(listed.getKey()), listed.getValue());
                    }
                    newest.removeFromCatalog(listed.getKey());
                }
            }
            restoreDamagedSealedAlarms();
            outbox.lastSequence.put(Lane.ALARM, Math.max(outbox.lastSequence.get(Lane.ALARM),
                    lastKey(outbox.index.get(Lane.ALARM))));
            outbox.lastSequence.put(Lane.TELEMETRY, Math.max(outbox.lastSequence.get(Lane.TELEMETRY),
                    lastKey(outbox.index.get(Lane.TELEMETRY))));
            finish();
        }

        /** Common end of every path: evict, commit, clean up, start a fresh journal file, report. */
        private void finish() {
            Segment newest = outbox.current;
            newest.setMeta(Segment.META_LAST_ALARM, outbox.lastSequence.get(Lane.ALARM));
            newest.setMeta(Segment.META_LAST_TELEMETRY, outbox.lastSequence.get(Lane.TELEMETRY));
            int evicted = outbox.evictTelemetryFor(0);
            if (evicted > 0) {
                LOG.info("Outbox telemetry exceeded {} bytes after restart (evictions not yet committed at a stop); "
                        + "evicted the {} oldest batches",
                        outbox.telemetryMaxBytes, evicted);
            }
            newest.setMeta(Segment.META_EVICTED, outbox.evictedBatches);
            for (Segment s : outbox.segments.values()) {
                if (s.stagedRemovals() > 0 || s == newest) {
                    s.commit();
                }
            }
            outbox.maintain();
            startJournal();
            LOG.info("Outbox {} opened: {} alarm and {} telemetry entries unacknowledged in {} segments",
                    dir.directory(), outbox.index.get(Lane.ALARM).size(), outbox.index.get(Lane.TELEMETRY).size(),
                    outbox.segments.size());
        }

        /** A new journal file whose snapshot is the recovered view; the older files go once it is durable. */
        private void startJournal() {
            long reserved = outbox.lastSequence.get(Lane.TELEMETRY) + AlarmJournal.TELEMETRY_RESERVE_STEP;
            outbox.journal = AlarmJournal.start(dir.directory(), outbox.journalSnapshot(reserved));
        }

        /**
         * The newest segment cannot be read: set it aside and start a fresh newest segment from the
         * alarm journal, keeping every sealed segment that can still be read.
         */
        private void rebuildNewest(int newestId, TreeSet<Integer> ids, RuntimeException cause) {
            Path damagedFile = dir.segmentFile(newestId);
            JournalState j = journalOrRefuse(damagedFile, NEWEST_WHY, cause);
            Path journalFile = AlarmJournal.readableFile(dir.directory());
            Map<Segment, List<Found>> scanned = new HashMap<>();
            for (int id : ids.headSet(newestId)) {
                Path file = dir.segmentFile(id);
                Segment s = null;
                try {
                    s = Segment.open(id, file);
                    scanned.put(s, scan(s));
                } catch (RuntimeException e) {
                    closeQuietly(s);
                    Path a = dir.moveAside(file); // safe: the damaged newest still forces this rebuild until it is done
                    LOG.warn("Outbox segment {} cannot be read either ({}); moved aside to {}, its alarms are "
                            + "restored from the alarm journal and its telemetry batches are not sent", file,
                            e.getMessage(), a);
                    continue;
                }
                outbox.segments.put(id, s);
            }
            for (Segment s : outbox.segments.values()) {
                trackAll(s, scanned.get(s));
            }
            long lastAlarm = Math.max(j.lastAlarm, lastKey(outbox.index.get(Lane.ALARM)));
            // every telemetry seq used is at most the journal's reservation: continue after it, never reuse one
            long lastTelemetry = Math.max(j.telemetryReservedUpTo, lastKey(outbox.index.get(Lane.TELEMETRY)));
            Map<Integer, long[]> catalog = new TreeMap<>();
            for (Segment s : outbox.segments.values()) {
                catalog.put(s.id, outbox.alarmSummary(s));
            }
            // listed as "may hold any alarm": if we stop before it is moved aside, the next open restores again
            catalog.put(newestId, new long[] {Math.max(1, j.alarms.size()), 1, Long.MAX_VALUE});
            Map<Long, JournalState.Alarm> restore = new TreeMap<>(j.alarms);
            restore.keySet().removeAll(outbox.index.get(Lane.ALARM).keySet());
            // complete (state, counters, restored alarms) in its first commit, published before the damaged one moves
            Segment fresh = createSegment(dir, newestId + 1, j.state, lastAlarm, lastTelemetry, j.evictedBatches,
                    catalog, restore);
            outbox.segments.put(fresh.id, fresh);
            outbox.current = fresh;
            fresh.lastRemovalMark = outbox.removedBytes;
            restore.forEach((seq, a) -> outbox.track(Lane.ALARM, seq,
                    new Location(fresh, a.payload().length, a.storedAtMillis())));
            Path aside = dir.moveAside(damagedFile);
            fresh.removeFromCatalog(newestId);
            outbox.alarmState.putAll(j.state);
            outbox.lastSequence.put(Lane.ALARM, lastAlarm);
            outbox.lastSequence.put(Lane.TELEMETRY, lastTelemetry);
            outbox.evictedBatches = j.evictedBatches;
            TreeMap<Long, Location> alarms = outbox.index.get(Lane.ALARM);
            LOG.warn("Outbox segment {} cannot be read ({}); moved it aside to {} and rebuilt the newest segment {} "
                    + "from the alarm journal {}: alarm state ({} keys), last alarm seq {}, {} alarm events restored, "
                    + "{} unacknowledged in all (seq {}..{}; some may have been acknowledged already and are sent "
                    + "again); telemetry continues after seq {}, the telemetry batches in the damaged segment are "
                    + "lost", damagedFile, cause.getMessage(), aside, fresh.file, journalFile, j.state.size(),
                    lastAlarm, restore.size(), alarms.size(), alarms.isEmpty() ? 0 : alarms.firstKey(),
                    alarms.isEmpty() ? 0 : alarms.lastKey(), lastTelemetry);
        }

        /** Puts the journal's alarm events that {@code wanted} accepts and no segment holds into the current segment. */
        private int restoreFromJournal(JournalState j, java.util.function.LongPredicate wanted) {
            int restored = 0;
            Segment target = outbox.current;
            for (Map.Entry<Long, JournalState.Alarm> e : j.alarms.entrySet()) {
                long seq = e.getKey();
                if (!wanted.test(seq) || outbox.index.get(Lane.ALARM).containsKey(seq)) {
                    continue;
                }
                JournalState.Alarm a = e.getValue();
                target.put(Lane.ALARM, seq, a.storedAtMillis(), a.payload());
                outbox.track(Lane.ALARM, seq, new Location(target, a.payload().length, a.storedAtMillis()));
                restored++;
            }
            return restored;
        }

        private void restoreDamagedSealedAlarms() {
            if (alarmRangesToRestore.isEmpty()) {
                return;
            }
            int restored = restoreFromJournal(journal, seq -> {
                for (long[] r : alarmRangesToRestore) {
                    if (seq >= r[1] && seq <= r[2]) {
                        return true;
                    }
                }
                return false;
            });
            outbox.lastSequence.put(Lane.ALARM, Math.max(outbox.lastSequence.get(Lane.ALARM), journal.lastAlarm));
            outbox.current.setMeta(Segment.META_LAST_ALARM, outbox.lastSequence.get(Lane.ALARM));
            outbox.current.commit(); // restored alarms are durable before the damaged files move
            for (Map.Entry<Integer, Path> p : pendingAside.entrySet()) {
                Path aside = dir.moveAside(p.getValue());
                outbox.current.removeFromCatalog(p.getKey());
                LOG.warn("Outbox segment {} cannot be read; moved aside to {}. Its alarm events were restored from "
                        + "the alarm journal; its telemetry batches are not sent", p.getValue(), aside);
            }
            LOG.warn("Restored {} alarm events of damaged outbox segments from the alarm journal into {} (some may "
                    + "have been acknowledged already and are sent again)", restored, outbox.current.file);
        }

        private JournalState journalOrRefuse(Path file, String why, RuntimeException cause) {
            if (journal == null) {
                journal = AlarmJournal.read(dir.directory());
            }
            if (journal == null) {
                throw refusal(file, why + ", and no alarm journal in " + dir.directory() + " can be read", cause);
            }
            return journal;
        }

        private void reportMissing(Path file, long[] summary) {
            if (Files.exists(file.resolveSibling(file.getFileName() + SegmentDirectory.CORRUPT_SUFFIX))) {
                // set aside by an earlier open, which moves a segment only after restoring its alarms
                LOG.warn("Outbox segment {} was set aside as damaged; its alarms were restored from the alarm journal",
                        file);
            } else if (summary[0] > 0) {
                LOG.error("Outbox segment {} is missing (removed by hand?); up to {} unacknowledged alarm events "
                        + "(seq {}..{}) in it are lost", file, summary[0], summary[1], summary[2]);
            } else {
                LOG.warn("Outbox segment {} is missing (removed by hand?); the telemetry batches in it are lost", file);
            }
        }

        private Segment openNewest(int id) {
            Path file = dir.segmentFile(id);
            Segment s = Segment.open(id, file);
            if (!s.isInitialised()) {
                s.close();
                throw new OutboxException(file + " lacks its format marker (not written by this version of Vigil?)");
            }
            return s;
        }

        /** Reads every entry of a segment, checking each CRC; throws if any cannot be read. */
        private List<Found> scan(Segment s) {
            List<Found> found = new ArrayList<>();
            boolean[] damaged = {false};
            s.scan((lane, seq, storedAt, bytes, intact) -> {
                if (!intact) {
                    damaged[0] = true;
                }
                found.add(new Found(lane, seq, storedAt, bytes));
            });
            if (damaged[0]) {
                throw new OutboxException("an entry in " + s.file + " fails its checksum");
            }
            return found;
        }

        private void trackAll(Segment s, List<Found> found) {
            for (Found f : found) {
                Location older = outbox.index.get(f.lane()).get(f.sequence());
                if (older != null) {
                    // a copy made by compaction: the newer segment's copy wins, the older one goes
                    older.segment().removeLater(f.lane(), f.sequence());
                }
                outbox.track(f.lane(), f.sequence(), new Location(s, f.payloadBytes(), f.storedAtMillis()));
            }
        }

        /**
         * The damaged-segment policy of docs/outbox.md for a sealed segment: set aside; if it may
         * hold alarms, only when the alarm journal can restore them, otherwise refuse.
         */
        private void setAside(int id, Path file, long[] summary, RuntimeException cause) {
            if (summary[0] > 0) {
                journalOrRefuse(file, "it may hold " + summary[0] + " unacknowledged alarm events (seq " + summary[1]
                        + ".." + summary[2] + ")", cause);
                alarmRangesToRestore.add(summary);
                pendingAside.put(id, file);
                LOG.warn("Outbox segment {} cannot be read ({}); restoring its up to {} alarm events (seq {}..{}) "
                        + "from the alarm journal", file, cause.getMessage(), summary[0], summary[1], summary[2]);
                return;
            }
            Path aside = dir.moveAside(file);
            LOG.warn("Outbox segment {} cannot be read ({}); it held only telemetry, so it was moved aside to {} and "
                    + "its telemetry batches are not sent", file, cause.getMessage(), aside);
        }

        private OutboxException refusal(Path file, String why, Throwable cause) {
            String message = "outbox segment " + file + " cannot be read" + (cause == null ? "" : " (" + cause.getMessage() + ")")
                    + " and " + why + "; refusing to start rather than lose alarms. Restore the file, or move it out "
                    + "of " + dir.directory() + " to accept the loss (see docs/outbox.md, Damaged segments)";
            return cause == null ? new OutboxException(message) : new OutboxException(message, cause);
        }

        private static void closeQuietly(Segment s) {
            if (s != null) {
                try {
                    s.close();
                } catch (RuntimeException ignored) {
                    // already failing
                }
            }
        }

        private static long lastKey(TreeMap<Long, Location> lane) {
            return lane.isEmpty() ? 0 : lane.lastKey();
        }
    }
}
