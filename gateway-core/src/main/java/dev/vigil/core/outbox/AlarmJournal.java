package dev.vigil.core.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The alarm journal: a tiny append-only log beside the MapDB segments that holds enough to rebuild
 * every unacknowledged alarm, the alarm state and the counters when a segment is damaged
 * (docs/outbox.md, "Alarm journal"). Files {@code alarm-journal-NNNNNN.log}; each starts with a
 * SNAPSHOT record, followed by ALARM and RESERVE records. Record layout:
 * {@code [int length of type+body][int CRC32C of type+body][byte type][body]}, big-endian.
 *
 * <p>A record counts only once {@link FileChannel#force} returned, and the reader stops at the
 * first short or bad record (a torn tail is an append that never returned). Not thread-safe: the
 * outbox serialises all calls.
 */
final class AlarmJournal implements AutoCloseable {

    static final byte SNAPSHOT = 1;
    static final byte ALARM = 2;
    static final byte RESERVE = 3;
    /** A file is replaced by a fresh snapshot once it exceeds this, or twice its snapshot, whichever is larger. */
    static final long ROTATE_MIN_BYTES = 1L << 20;
    /** Telemetry sequences are reserved this far ahead, so a rebuilt outbox can skip past every used one. */
    static final long TELEMETRY_RESERVE_STEP = 1L << 20;
    static final int RECORD_HEADER_BYTES = 8;
    /**
     * The file is extended with written zeros in steps of this size, so an append changes no file
     * size and {@code force(false)} flushes data only; a zero length marks the end for the reader.
     */
    static final int PREALLOCATE_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("alarm-journal-(\\d{6})\\.log");

    private final Path directory;
    private int fileNumber;
    private Path file;
    private FileChannel channel;
    private long position;
    private long allocated;
    private long snapshotBytes;
    private long reservedUpTo;
    /** Set when a failed append may have left a partial record that could not be cut off. */
    private boolean needsNewFile;

    private AlarmJournal(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts a new journal file with {@code snapshot}, makes it durable and only then deletes the
     * older journal files.
     */
    static AlarmJournal start(Path directory, JournalState snapshot) {
        AlarmJournal journal = new AlarmJournal(directory);
        List<Path> existing = files(directory);
        journal.fileNumber = existing.isEmpty() ? 0 : number(existing.get(0));
        journal.rotate(snapshot);
        return journal;
    }

    /**
     * The newest journal file whose first record is a valid SNAPSHOT, with every record after it up
     * to the first short or bad one applied; null if no file has a valid snapshot.
     */
    static JournalState read(Path directory) {
        for (Path p : files(directory)) {
            JournalState state = readFile(p);
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    /** The journal file {@link #read} would use, or null. */
    static Path readableFile(Path directory) {
        for (Path p : files(directory)) {
            if (readFile(p) != null) {
                return p;
            }
        }
        return null;
    }

    // --- writing ---------------------------------------------------------------------------------

    /** Appends one alarm event with its state changes (null value = removal) and forces it to disk. */
    void appendAlarm(long sequence, long storedAtMillis, byte[] payload, Map<String, byte[]> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(sequence);
            out.writeLong(storedAtMillis);
            writeBytes(out, payload);
            out.writeInt(changes.size());
            for (Map.Entry<String, byte[]> c : changes.entrySet()) {
                out.writeUTF(c.getKey());
                if (c.getValue() == null) {
                    out.writeInt(-1);
                } else {
                    writeBytes(out, c.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        append(ALARM, bytes.toByteArray());
    }

    /** Records durably that telemetry sequences up to {@code upTo} may be used. */
    void reserveTelemetry(long upTo) {
        append(RESERVE, ByteBuffer.allocate(8).putLong(upTo).array());
        reservedUpTo = upTo;
    }

    long telemetryReservedUpTo() {
        return reservedUpTo;
    }

    /** True once the file should be replaced by a fresh snapshot (size, or a failed append). */
    boolean wantsRotation() {
        return needsNewFile || position > Math.max(ROTATE_MIN_BYTES, 2 * snapshotBytes);
    }

    /**
     * Writes {@code snapshot} as the first record of the next journal file, forces it and the
     * directory, then deletes the older files. A crash before the delete leaves both; the reader
     * takes the newest file with a valid snapshot.
     */
    void rotate(JournalState snapshot) {
        int next = fileNumber + 1;
        Path nextFile = directory.resolve(String.format("alarm-journal-%06d.log", next));
        byte[] record = record(SNAPSHOT, encodeSnapshot(snapshot));
        FileChannel nextChannel = null;
        try {
            Files.deleteIfExists(nextFile); // an unusable leftover of an interrupted rotation
            nextChannel = FileChannel.open(nextFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            writeFully(nextChannel, record);
            allocated = preallocate(nextChannel, record.length, record.length);
            nextChannel.force(false);
            syncDirectory(directory);
        } catch (IOException e) {
            closeQuietly(nextChannel);
            throw new OutboxException("cannot write alarm journal " + nextFile + ": " + e, e);
        }
        closeQuietly(channel);
        channel = nextChannel;
        file = nextFile;
        fileNumber = next;
        position = record.length;
        snapshotBytes = record.length;
        reservedUpTo = snapshot.telemetryReservedUpTo;
        needsNewFile = false;
        for (Path old : files(directory)) {
            if (number(old) < next) {
                try {
                    Files.deleteIfExists(old);
                } catch (IOException e) {
                    // harmless: the reader prefers the newest file; deleted at the next rotation
                }
            }
        }
        syncDirectory(directory);
    }

    Path file() {
        return file;
    }

    /** Bytes of records in the current journal file. */
    long size() {
        return position;
    }

    /** Bytes the current journal file takes (records plus preallocated zeros). */
    long fileBytes() {
        return allocated;
    }

    /** True if a failed append may have left a partial record in the current file. */
    boolean needsNewFile() {
        return needsNewFile;
    }

    @Override
    public void close() {
        closeQuietly(channel);
        channel = null;
    }

    private void append(byte type, byte[] body) {
        if (channel == null) {
            throw new IllegalStateException("alarm journal " + file + " is closed");
        }
        byte[] record = record(type, body);
        try {
            if (position + record.length > allocated) {
                allocated = preallocate(channel, allocated, position + record.length);
            }
            writeFully(channel, record);
            channel.force(false);
            position += record.length;
        } catch (IOException e) {
            try {
                channel.truncate(position); // a partial record would hide every later one from the reader
                allocated = position;
            } catch (IOException e2) {
                needsNewFile = true;
            }
            throw new OutboxException("cannot write alarm journal " + file + ": " + e, e);
        }
    }

    /** Writes zeros from {@code from} up to at least {@code needed}, in whole steps; returns the new end. */
    private static long preallocate(FileChannel ch, long from, long needed) throws IOException {
        long end = Math.max(from, (needed / PREALLOCATE_BYTES + 1) * PREALLOCATE_BYTES);
        ByteBuffer zeros = ByteBuffer.allocate(64 << 10);
        for (long at = from; at < end;) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
            at += ch.write(zeros, at);
        }
        return end;
    }

    private void writeFully(FileChannel ch, byte[] record) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        long at = ch == channel ? position : 0;
        while (buffer.hasRemaining()) {
            at += ch.write(buffer, at);
        }
    }

    static byte[] record(byte type, byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(body);
        return ByteBuffer.allocate(RECORD_HEADER_BYTES + 1 + body.length).putInt(1 + body.length)
                .putInt((int) crc.getValue()).put(type).put(body).array();
    }

    static byte[] encodeSnapshot(JournalState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(s.lastAlarm);
            out.writeLong(s.telemetryReservedUpTo);
            out.writeLong(s.evictedBatches);
            out.writeInt(s.state.size());
            for (Map.Entry<String, byte[]> e : s.state.entrySet()) {
                out.writeUTF(e.getKey());
                writeBytes(out, e.getValue());
            }
            out.writeInt(s.alarms.size());
            for (Map.Entry<Long, JournalState.Alarm> e : s.alarms.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue().storedAtMillis());
                writeBytes(out, e.getValue().payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    // --- reading ---------------------------------------------------------------------------------

    private static JournalState readFile(Path p) {
        byte[] all;
        try {
            all = Files.readAllBytes(p);
        } catch (IOException e) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(all);
        JournalState state = null;
        while (true) {
            byte[] typeAndBody = nextRecord(buffer);
            if (typeAndBody == null) {
                return state;
            }
            try {
                DataInputStream in = new DataInputStream(
                        new ByteArrayInputStream(typeAndBody, 1, typeAndBody.length - 1));
                byte type = typeAndBody[0];
                if (state == null) {
                    if (type != SNAPSHOT) {
                        return null;
                    }
                    state = decodeSnapshot(in);
                } else if (type == ALARM) {
                    long seq = in.readLong();
                    long storedAt = in.readLong();
                    byte[] payload = readBytes(in);
                    int n = in.readInt();
                    Map<String, byte[]> changes = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        String key = in.readUTF();
                        int len = in.readInt();
                        changes.put(key, len < 0 ? null : in.readNBytes(checkLength(len, in)));
                    }
                    state.applyAlarm(seq, storedAt, payload, changes);
                } else if (type == RESERVE) {
                    state.telemetryReservedUpTo = Math.max(state.telemetryReservedUpTo, in.readLong());
                } else {
                    return state; // unknown type: treat as the end, like a bad record
                }
            } catch (IOException | RuntimeException e) {
                return state; // a record with a good CRC but a body we cannot parse ends the log too
            }
        }
    }

    /** The type byte and body of the next record, or null at the end or at a short or bad record. */
    private static byte[] nextRecord(ByteBuffer buffer) {
        if (buffer.remaining() < RECORD_HEADER_BYTES) {
            return null;
        }
        int length = buffer.getInt();
        int crc = buffer.getInt();
        if (length < 1 || length > buffer.remaining()) {
            return null;
        }
        byte[] typeAndBody = new byte[length];
        buffer.get(typeAndBody);
        CRC32C check = new CRC32C();
        check.update(typeAndBody);
        return (int) check.getValue() == crc ? typeAndBody : null;
    }

    private static JournalState decodeSnapshot(DataInputStream in) throws IOException {
        JournalState s = new JournalState();
        s.lastAlarm = in.readLong();
        s.telemetryReservedUpTo = in.readLong();
        s.evictedBatches = in.readLong();
        int states = in.readInt();
        for (int i = 0; i < states; i++) {
            s.state.put(in.readUTF(), readBytes(in));
        }
        int alarms = in.readInt();
        for (int i = 0; i < alarms; i++) {
            long seq = in.readLong();
            long storedAt = in.readLong();
            s.alarms.put(seq, new JournalState.Alarm(storedAt, readBytes(in)));
        }
        return s;
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        return in.readNBytes(checkLength(in.readInt(), in));
    }

    private static int checkLength(int len, DataInputStream in) throws IOException {
        if (len < 0 || len > in.available()) {
            throw new IOException("bad length " + len);
        }
        return len;
    }

    // --- files -----------------------------------------------------------------------------------

    /** Journal files in the directory, newest (highest number) first. */
    static List<Path> files(Path directory) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "alarm-journal-*.log")) {
            for (Path p : stream) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new OutboxException("cannot list alarm journals in " + directory + ": " + e, e);
        }
        files.sort(Comparator.comparingInt(AlarmJournal::number).reversed());
        return files;
    }

    private static int number(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on every platform
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
