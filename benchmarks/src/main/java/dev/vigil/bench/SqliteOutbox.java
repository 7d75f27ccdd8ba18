package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxException;
import dev.vigil.core.outbox.OutboxStats;

/**
 * Baseline for the benchmark: the same {@link Outbox} contract on SQLite (xerial sqlite-jdbc) in
 * WAL mode with {@code synchronous=FULL}, one transaction per append and per acknowledgement.
 * Not for production: it exists so MapDbOutbox is measured beside a well-known store.
 */
public final class SqliteOutbox implements Outbox {

    private final Path file;
    private final Connection db;
    private final Clock clock;
    private final long telemetryMaxBytes;
    private long telemetryBytes;
    private long evicted;

    private SqliteOutbox(Path file, Connection db, Clock clock, long telemetryMaxBytes) {
        this.file = file;
        this.db = db;
        this.clock = clock;
        this.telemetryMaxBytes = telemetryMaxBytes;
    }

    public static SqliteOutbox open(Path directory, long telemetryMaxBytes, Clock clock) {
        Path file = directory.resolve("outbox.sqlite");
        try {
            Files.createDirectories(directory);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS entry (lane INTEGER NOT NULL, seq INTEGER NOT NULL, "
                        + "stored_at INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (lane, seq))");
                s.execute("CREATE TABLE IF NOT EXISTS alarm_state (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
            }
            c.setAutoCommit(false);
            SqliteOutbox outbox = new SqliteOutbox(file, c, clock, telemetryMaxBytes);
            outbox.telemetryBytes = outbox.queryLong(
                    "SELECT COALESCE(SUM(LENGTH(payload)),0) FROM entry WHERE lane=" + Lane.TELEMETRY.ordinal());
            outbox.evicted = outbox.meta("evicted");
            c.commit();
            return outbox;
        } catch (SQLException | IOException e) {
            throw new OutboxException("cannot open SQLite outbox " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void appendAlarm(long sequence, byte[] payload, Map<String, byte[]> alarmStateChanges) {
        try {
            insert(Lane.ALARM, sequence, payload);
            for (Map.Entry<String, byte[]> c : alarmStateChanges.entrySet()) {
                if (c.getValue() == null) {
                    update("DELETE FROM alarm_state WHERE k=?", c.getKey());
                } else {
                    update("INSERT OR REPLACE INTO alarm_state (k, v) VALUES (?, ?)", c.getKey(), c.getValue());
                }
            }
            setMeta("last." + Lane.ALARM, sequence);
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new OutboxException("cannot store alarm seq=" + sequence + " in " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void appendTelemetry(long sequence, byte[] payload) {
        try {
            long freed = 0;
            int gone = 0;
            if (telemetryBytes + payload.length > telemetryMaxBytes) {
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT seq, LENGTH(payload) FROM entry WHERE lane=? ORDER BY seq")) {
                    q.setInt(1, Lane.TELEMETRY.ordinal());
                    try (ResultSet r = q.executeQuery()) {
                        while (telemetryBytes - freed + payload.length > telemetryMaxBytes && r.next()) {
                            update("DELETE FROM entry WHERE lane=? AND seq=?", Lane.TELEMETRY.ordinal(), r.getLong(1));
                            freed += r.getLong(2);
                            gone++;
                        }
                    }
                }
                setMeta("evicted", evicted + gone);
            }
            insert(Lane.TELEMETRY, sequence, payload);
            setMeta("last." + Lane.TELEMETRY, sequence);
            db.commit();
            telemetryBytes += payload.length - freed;
            evicted += gone;
        } catch (SQLException e) {
            rollback();
            throw new OutboxException("cannot store telemetry seq=" + sequence + " in " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized long lastSequence(Lane lane) {
        return meta("last." + lane);
    }

    @Override
    public synchronized Map<String, byte[]> alarmState() {
        Map<String, byte[]> state = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT k, v FROM alarm_state")) {
            while (r.next()) {
                state.put(r.getString(1), r.getBytes(2));
            }
            db.commit();
        } catch (SQLException e) {
            throw new OutboxException("cannot read alarm state from " + file + ": " + e, e);
        }
        return state;
    }

    @Override
    public synchronized List<OutboxEntry> oldest(Lane lane, int max) {
        List<OutboxEntry> entries = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "SELECT seq, stored_at, payload FROM entry WHERE lane=? ORDER BY seq LIMIT ?")) {
            q.setInt(1, lane.ordinal());
            q.setInt(2, max);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    entries.add(new OutboxEntry(lane, r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getBytes(3)));
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new OutboxException("cannot read " + lane + " from " + file + ": " + e, e);
        }
        return entries;
    }

    @Override
    public synchronized void acknowledge(Lane lane, long sequence) {
        try {
            long bytes = lane == Lane.TELEMETRY
                    ? queryLong("SELECT COALESCE(SUM(LENGTH(payload)),0) FROM entry WHERE lane=" + lane.ordinal()
                            + " AND seq=" + sequence)
                    : 0;
            update("DELETE FROM entry WHERE lane=? AND seq=?", lane.ordinal(), sequence);
            db.commit();
            telemetryBytes -= bytes;
        } catch (SQLException e) {
            rollback();
            throw new OutboxException("cannot acknowledge " + lane + " seq=" + sequence + " in " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized OutboxStats stats() {
        long alarms = queryLong("SELECT COUNT(*) FROM entry WHERE lane=" + Lane.ALARM.ordinal());
        long telemetry = queryLong("SELECT COUNT(*) FROM entry WHERE lane=" + Lane.TELEMETRY.ordinal());
        long oldest = queryLong("SELECT COALESCE(MIN(stored_at),-1) FROM entry");
        return new OutboxStats(alarms, telemetry, telemetryBytes, oldest < 0 ? null : Instant.ofEpochMilli(oldest),
                evicted, fileBytes(), 1);
    }

    /** The database file plus its write-ahead log and shared-memory index. */
    public long fileBytes() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Path p = file.resolveSibling(file.getFileName() + suffix);
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                // removed meanwhile
            }
        }
        return total;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new OutboxException("cannot close " + file + ": " + e, e);
        }
    }

    private void insert(Lane lane, long sequence, byte[] payload) throws SQLException {
        update("INSERT INTO entry (lane, seq, stored_at, payload) VALUES (?, ?, ?, ?)", lane.ordinal(), sequence,
                clock.millis(), payload);
    }

    private void setMeta(String key, long value) throws SQLException {
        update("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)", key, value);
    }

    private long meta(String key) {
        try (PreparedStatement q = db.prepareStatement("SELECT v FROM meta WHERE k=?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                long v = r.next() ? r.getLong(1) : 0;
                db.commit();
                return v;
            }
        } catch (SQLException e) {
            throw new OutboxException("cannot read " + key + " from " + file + ": " + e, e);
        }
    }

    private long queryLong(String sql) {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            long v = r.next() ? r.getLong(1) : 0;
            db.commit();
            return v;
        } catch (SQLException e) {
            throw new OutboxException("cannot query " + file + ": " + e, e);
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the original failure is reported
        }
    }
}
