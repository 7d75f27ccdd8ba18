package dev.vigil.core.outbox;

import static dev.vigil.core.outbox.OutboxFixtures.payload;
import static dev.vigil.core.outbox.OutboxFixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmJournalTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> change(String key, String value) {
        Map<String, byte[]> m = new HashMap<>();
        m.put(key, value == null ? null : b(value));
        return m;
    }

    private AlarmJournal journalWithThreeAlarms() {
        JournalState snapshot = new JournalState();
        snapshot.state.put("old", b("x"));
        snapshot.lastAlarm = 10;
        snapshot.telemetryReservedUpTo = 500;
        snapshot.alarms.put(10L, new JournalState.Alarm(1000, payload("alarm", 10, 50)));
        AlarmJournal journal = AlarmJournal.start(dir, snapshot);
        journal.appendAlarm(11, 1011, payload("alarm", 11, 50), change("A", "raised"));
        journal.appendAlarm(12, 1012, payload("alarm", 12, 50), change("old", null));
        journal.appendAlarm(13, 1013, payload("alarm", 13, 50), change("A", "cleared"));
        return journal;
    }

    @Test
    void snapshotAndAlarmsAreReadBackWithTheirState() {
        try (AlarmJournal journal = journalWithThreeAlarms()) {
            journal.reserveTelemetry(2000);
        }
        JournalState s = AlarmJournal.read(dir);
        assertEquals(List.of(10L, 11L, 12L, 13L), List.copyOf(s.alarms.keySet()));
        assertEquals(1013, s.alarms.get(13L).storedAtMillis());
        assertTrue(text(s.alarms.get(12L).payload()).startsWith("alarm-12:"));
        assertEquals(List.of("A"), List.copyOf(s.state.keySet()), "the removal of 'old' was applied");
        assertArrayEquals(b("cleared"), s.state.get("A"));
        assertEquals(13, s.lastAlarm);
        assertEquals(2000, s.telemetryReservedUpTo);
    }

    @Test
    void aTornTailIsAnAppendThatNeverReturnedAndIsIgnored() throws IOException {
        Path file;
        long end;
        try (AlarmJournal journal = journalWithThreeAlarms()) {
            file = journal.file();
            end = journal.size();
        }
        assertTrue(Files.size(file) > end, "preallocated with zeros beyond the records");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(7), end - 7); // the last record lost its end
        }
        JournalState s = AlarmJournal.read(dir);
        assertEquals(List.of(10L, 11L, 12L), List.copyOf(s.alarms.keySet()));
        assertArrayEquals(b("raised"), s.state.get("A"), "state as of the last complete record");
        assertEquals(12, s.lastAlarm);

        // a header without its body, as a kill between two writes might leave
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(end - 7);
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2}), end - 7);
        }
        assertEquals(List.of(10L, 11L, 12L), List.copyOf(AlarmJournal.read(dir).alarms.keySet()));
    }

    @Test
    void aBadChecksumInTheMiddleEndsTheLogThere() throws IOException {
        Path file;
        try (AlarmJournal journal = journalWithThreeAlarms()) {
            file = journal.file();
        }
        byte[] all = Files.readAllBytes(file);
        // find the second ALARM record (seq 12) and flip one byte of its payload
        ByteBuffer buf = ByteBuffer.wrap(all);
        int offset = 0;
        for (int record = 0; record < 2; record++) { // skip SNAPSHOT and ALARM 11
            offset += AlarmJournal.RECORD_HEADER_BYTES + buf.getInt(offset);
        }
        all[offset + AlarmJournal.RECORD_HEADER_BYTES + 1 + 8 + 8 + 4 + 3] ^= 0x20;
        Files.write(file, all);
        JournalState s = AlarmJournal.read(dir);
        assertEquals(List.of(10L, 11L), List.copyOf(s.alarms.keySet()), "nothing after the bad record is trusted");
        assertEquals(11, s.lastAlarm);
    }

    @Test
    void aRetriedSequenceKeepsOnlyTheLastRecord() {
        try (AlarmJournal journal = journalWithThreeAlarms()) {
            journal.appendAlarm(14, 2000, payload("first-try", 14, 40), change("B", "1"));
            journal.appendAlarm(14, 2001, payload("alarm", 14, 40), change("B", "2"));
        }
        JournalState s = AlarmJournal.read(dir);
        assertEquals(5, s.alarms.size());
        assertTrue(text(s.alarms.get(14L).payload()).startsWith("alarm-14:"), "the retry wins");
        assertEquals(2001, s.alarms.get(14L).storedAtMillis());
        assertArrayEquals(b("2"), s.state.get("B"));
    }

    @Test
    void rotationWritesASnapshotFileAndOnlyThenDeletesTheOldOne() {
        Path first;
        try (AlarmJournal journal = journalWithThreeAlarms()) {
            first = journal.file();
            JournalState snapshot = new JournalState();
            snapshot.lastAlarm = 13;
            snapshot.alarms.put(13L, new JournalState.Alarm(1013, payload("alarm", 13, 50)));
            journal.rotate(snapshot);
            assertFalse(Files.exists(first), "the old file goes once the new one is durable");
            journal.appendAlarm(14, 1014, payload("alarm", 14, 50), Map.of());
        }
        JournalState s = AlarmJournal.read(dir);
        assertEquals(List.of(13L, 14L), List.copyOf(s.alarms.keySet()));
        assertTrue(s.state.isEmpty());
    }

    @Test
    void aKillBetweenWritingTheNewFileAndDeletingTheOldOneUsesTheNewOne() throws IOException {
        try (AlarmJournal journal = journalWithThreeAlarms()) {
            assertTrue(journal.file().endsWith("alarm-journal-000001.log"));
        }
        JournalState snapshot = new JournalState();
        snapshot.lastAlarm = 13;
        snapshot.alarms.put(12L, new JournalState.Alarm(1012, payload("alarm", 12, 50)));
        snapshot.alarms.put(13L, new JournalState.Alarm(1013, payload("alarm", 13, 50)));
        byte[] record = AlarmJournal.record(AlarmJournal.SNAPSHOT, AlarmJournal.encodeSnapshot(snapshot));
        Path second = dir.resolve("alarm-journal-000002.log");

        // killed while writing the new snapshot: the new file is torn, the old one is used
        Files.write(second, java.util.Arrays.copyOf(record, record.length / 2));
        assertEquals(List.of(10L, 11L, 12L, 13L), List.copyOf(AlarmJournal.read(dir).alarms.keySet()));

        // killed after the new snapshot was forced, before the old file was deleted: the new one wins
        Files.write(second, record);
        assertEquals(List.of(12L, 13L), List.copyOf(AlarmJournal.read(dir).alarms.keySet()));
        assertEquals(second, AlarmJournal.readableFile(dir));

        // the next start continues after the highest number and removes both older files
        try (AlarmJournal journal = AlarmJournal.start(dir, snapshot)) {
            assertTrue(journal.file().endsWith("alarm-journal-000003.log"), journal.file().toString());
        }
        assertEquals(List.of("alarm-journal-000003.log"), OutboxFixtures.fileNames(dir));
    }

    @Test
    void noFileWithAValidSnapshotMeansNoJournal() throws IOException {
        assertNull(AlarmJournal.read(dir));
        Files.write(dir.resolve("alarm-journal-000001.log"), new byte[64]);
        assertNull(AlarmJournal.read(dir));
    }
}
