package dev.vigil.core.outbox;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * One MapDB segment file. It holds entries of both lanes; the newest segment also holds the
 * authoritative alarm state, sequence counters and catalog of older segments (see docs/outbox.md).
 *
 * <p>Changes are staged in MapDB's transaction and made durable by {@link #commit()}. Removals
 * (acknowledgements, evictions, moves) are staged and ride along with the next commit; a crash
 * before that only makes them reappear, it never loses an entry. Not thread-safe: the outbox
 * serialises all calls.
 */
final class Segment implements AutoCloseable {

    static final long FORMAT_VERSION = 1;
    static final String META_FORMAT = "format";
    static final String META_LAST_ALARM = "lastSequence.ALARM";
    static final String META_LAST_TELEMETRY = "lastSequence.TELEMETRY";
    static final String META_EVICTED = "evictedBatches";

    /** Bytes in front of each payload: storedAt millis (8) and CRC-32 of the payload (4). */
    static final int HEADER_BYTES = 12;

    final int id;
    final Path file;
    private final DB db;
    private final BTreeMap<Long, byte[]> alarms;
    private final BTreeMap<Long, byte[]> telemetry;
    private final BTreeMap<String, byte[]> alarmState;
    private final BTreeMap<String, Long> meta;
    private final BTreeMap<Integer, long[]> catalog;

    /** In-memory accounting of the entries the outbox's index places in this segment. */
    long liveEntries;
    long liveBytes;
    /** The outbox's count of acknowledged/evicted bytes when one last hit this segment (for compaction). */
    long lastRemovalMark;

    private final List<StagedRemoval> stagedRemovals = new ArrayList<>();
    private long firstStagedNanos;

    private record StagedRemoval(Lane lane, long sequence) {
    }

    /** One entry as read back from the file. */
    record Stored(long storedAtMillis, byte[] payload, boolean intact) {
    }

    private Segment(int id, Path file, DB db) {
        this.id = id;
        this.file = file;
        this.db = db;
        this.alarms = db.treeMap("alarm", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.telemetry = db.treeMap("telemetry", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.alarmState = db.treeMap("alarmState", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.catalog = db.treeMap("catalog", Serializer.INTEGER, Serializer.LONG_ARRAY).createOrOpen();
    }

    /**
     * Opens (or creates) the MapDB file. Always transactional: without transactions a kill -9 left
     * the file unopenable 4 times out of 4 (DESIGN.md, Storage).
     */
    static Segment open(int id, Path file) {
        DB db = null;
        try {
            db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
            return new Segment(id, file, db);
        } catch (RuntimeException | Error e) {
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException | Error ignored) {
                    // already failing
                }
            }
            throw new OutboxException("cannot open outbox segment " + file + ": " + e, e);
        }
    }

    boolean isInitialised() {
        Long format = meta.get(META_FORMAT);
        return format != null && format == FORMAT_VERSION;
    }

    /** Writes what a fresh segment needs to take over as the newest one (not committed). */
    void initialise(Map<String, byte[]> state, long lastAlarm, long lastTelemetry, long evicted,
            Map<Integer, long[]> catalogEntries) {
        alarmState.putAll(state);
        catalog.putAll(catalogEntries);
        meta.put(META_LAST_ALARM, lastAlarm);
        meta.put(META_LAST_TELEMETRY, lastTelemetry);
        meta.put(META_EVICTED, evicted);
        meta.put(META_FORMAT, FORMAT_VERSION);
    }

    // --- entries -----------------------------------------------------------------------------

    void put(Lane lane, long sequence, long storedAtMillis, byte[] payload) {
        lane(lane).put(sequence, encode(storedAtMillis, payload));
    }

    /** The stored bytes of an entry exactly as written, to copy it to another segment. */
    byte[] raw(Lane lane, long sequence) {
        return lane(lane).get(sequence);
    }

    void putRaw(Lane lane, long sequence, byte[] raw) {
        lane(lane).put(sequence, raw);
    }

    Stored read(Lane lane, long sequence) {
        byte[] raw = lane(lane).get(sequence);
        return raw == null ? null : decode(raw);
    }

    /** Stages the removal of an entry; it becomes durable with this segment's next commit. */
    void removeLater(Lane lane, long sequence) {
        lane(lane).remove(sequence);
        if (stagedRemovals.isEmpty()) {
            firstStagedNanos = System.nanoTime();
        }
        stagedRemovals.add(new StagedRemoval(lane, sequence));
    }

    int stagedRemovals() {
        return stagedRemovals.size();
    }

    long stagedSinceNanos() {
        return firstStagedNanos;
    }

    /** Visits every stored entry, in lane then sequence order. */
    void scan(EntryVisitor visitor) {
        for (Lane lane : Lane.values()) {
            for (Map.Entry<Long, byte[]> e : lane(lane).entrySet()) {
                Stored s = decode(e.getValue());
                visitor.visit(lane, e.getKey(), s.storedAtMillis(), s.payload().length, s.intact());
            }
        }
    }

    interface EntryVisitor {
        void visit(Lane lane, long sequence, long storedAtMillis, int payloadBytes, boolean intact);
    }

    // --- alarm state, counters, catalog --------------------------------------------------------

    void applyStateChanges(Map<String, byte[]> changes) {
        for (Map.Entry<String, byte[]> c : changes.entrySet()) {
            if (c.getValue() == null) {
                alarmState.remove(c.getKey());
            } else {
                alarmState.put(c.getKey(), c.getValue());
            }
        }
    }

    Map<String, byte[]> readState() {
        return new TreeMap<>(alarmState);
    }

    long meta(String key) {
        Long v = meta.get(key);
        return v == null ? 0 : v;
    }

    void setMeta(String key, long value) {
        meta.put(key, value);
    }

    /** Older segments as this one knows them: id to {alarm entries, lowest alarm seq, highest alarm seq}. */
    Map<Integer, long[]> readCatalog() {
        return new TreeMap<>(catalog);
    }

    void removeFromCatalog(int segmentId) {
        catalog.remove(segmentId);
    }

    // --- durability ----------------------------------------------------------------------------

    /** Makes everything staged durable (MapDB write-ahead log, fsync). */
    void commit() {
        try {
            db.commit();
        } catch (RuntimeException | Error e) {
            rollbackKeepingRemovals();
            throw new OutboxException("cannot commit to outbox segment " + file + ": " + e, e);
        }
        stagedRemovals.clear();
    }

    /** Drops the staged puts of a failed operation but keeps the staged removals staged. */
    private void rollbackKeepingRemovals() {
        try {
            db.rollback();
            for (StagedRemoval r : stagedRemovals) {
                lane(r.lane()).remove(r.sequence());
            }
        } catch (RuntimeException | Error ignored) {
            // the store is failing as a whole; the caller reports the original failure
        }
    }

    /** Undoes staged puts after a failure before commit (e.g. a serialisation error). */
    void abandon() {
        rollbackKeepingRemovals();
    }

    @Override
    public void close() {
        try {
            if (!db.isClosed()) {
                db.close();
            }
        } catch (RuntimeException | Error e) {
            throw new OutboxException("cannot close outbox segment " + file + ": " + e, e);
        }
    }

    private BTreeMap<Long, byte[]> lane(Lane lane) {
        return lane == Lane.ALARM ? alarms : telemetry;
    }

    static byte[] encode(long storedAtMillis, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).putLong(storedAtMillis).putInt((int) crc.getValue())
                .put(payload).array();
    }

    static Stored decode(byte[] raw) {
        if (raw.length < HEADER_BYTES) {
            return new Stored(0, new byte[0], false);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long storedAt = b.getLong();
        int crc = b.getInt();
        byte[] payload = Arrays.copyOfRange(raw, HEADER_BYTES, raw.length);
        CRC32 check = new CRC32();
        check.update(payload);
        return new Stored(storedAt, payload, (int) check.getValue() == crc);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
