package dev.vigil.core.outbox;

import static dev.vigil.core.outbox.OutboxFixtures.MIB;
import static dev.vigil.core.outbox.OutboxFixtures.fileNames;
import static dev.vigil.core.outbox.OutboxFixtures.payload;
import static dev.vigil.core.outbox.OutboxFixtures.sequences;
import static dev.vigil.core.outbox.OutboxFixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged segment is rebuilt from the alarm journal instead of stopping the gateway. */
class OutboxJournalRecoveryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    private MapDbOutbox open(long telemetryMaxBytes) {
        return MapDbOutbox.open(OutboxFixtures.config(dir, telemetryMaxBytes), clock);
    }

    private static Map<String, byte[]> change(String key, String value) {
        Map<String, byte[]> m = new HashMap<>();
        m.put(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void aNewestSegmentDamagedInTheMiddleIsRebuiltWithEveryUnacknowledgedAlarmAndTheState() throws IOException {
        long telemetry = 0;
        try (MapDbOutbox outbox = open(64 * MIB)) {
            for (long seq = 1; seq <= 60; seq++) {
                clock.advance(java.time.Duration.ofSeconds(1));
                // sensor s<n> raises with seq n and clears with seq n+30: 30 keys raised, then removed
                outbox.appendAlarm(seq, payload("alarm", seq, 400),
                        seq <= 30 ? change("s" + seq, "raised-" + seq) : change("s" + (seq - 30), null));
                if (seq % 3 == 0) {
                    outbox.appendTelemetry(++telemetry, payload("tele", telemetry, 20_000));
                }
            }
            outbox.appendAlarm(61, payload("alarm", 61, 400), change("s7", "raised-again"));
            for (long seq = 1; seq <= 20; seq++) {
                outbox.acknowledge(Lane.ALARM, seq);
            }
        }
        Path segment = dir.resolve("outbox-000001.db");
        junk(segment, 512, (int) Math.min(Files.size(segment) - 1024, 1 * MIB));

        List<OutboxEntry> alarms;
        try (MapDbOutbox outbox = open(64 * MIB)) {
            alarms = outbox.oldest(Lane.ALARM, 1000);
            List<Long> seqs = sequences(alarms);
            assertTrue(seqs.containsAll(LongStream.rangeClosed(21, 61).boxed().toList()),
                    "every unacknowledged alarm is back: " + seqs);
            assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "in order, once each");
            for (OutboxEntry e : alarms) {
                assertTrue(text(e.payload()).startsWith("alarm-" + e.sequence() + ":"), "payload of " + e.sequence());
                assertEquals(Instant.parse("2026-11-22T10:00:00Z").plusSeconds(Math.min(e.sequence(), 60)),
                        e.storedAt(), "storedAt kept for " + e.sequence());
            }
            Map<String, byte[]> state = outbox.alarmState();
            assertEquals(List.of("s7"), List.copyOf(state.keySet()), "the state after seq 61");
            assertArrayEquals("raised-again".getBytes(StandardCharsets.UTF_8), state.get("s7"));
            assertEquals(61, outbox.lastSequence(Lane.ALARM));
            assertTrue(outbox.lastSequence(Lane.TELEMETRY) >= telemetry, "no telemetry seq is used twice");

            // the rebuilt outbox works on: appends continue after the recovered counters
            outbox.appendAlarm(62, payload("alarm", 62, 400), change("s7", null));
            outbox.appendTelemetry(outbox.lastSequence(Lane.TELEMETRY) + 1, payload("tele", 0, 100));
        }
        assertTrue(fileNames(dir).contains("outbox-000001.db.corrupt"), "kept for inspection: " + fileNames(dir));
        assertFalse(Files.exists(segment));

        try (MapDbOutbox outbox = open(64 * MIB)) {
            List<Long> seqs = sequences(outbox.oldest(Lane.ALARM, 1000));
            assertEquals(62L, seqs.get(seqs.size() - 1));
            assertTrue(seqs.containsAll(LongStream.rangeClosed(21, 62).boxed().toList()), "a later start is normal");
            assertTrue(outbox.alarmState().isEmpty());
        }
    }

    @Test
    void aNewestSegmentWhoseEntryIsDamagedIsRebuiltToo() throws IOException {
        try (MapDbOutbox outbox = open(64 * MIB)) {
            for (long seq = 1; seq <= 30; seq++) {
                outbox.appendAlarm(seq, payload("alarm", seq, 2_000), change("last", Long.toString(seq)));
            }
        }
        // the file opens, but reading alarm 17 back shows the damage (the entry CRC or MapDB's own check)
        Path segment = dir.resolve("outbox-000001.db");
        byte[] all = Files.readAllBytes(segment);
        int at = indexOf(all, "alarm-17:".getBytes(StandardCharsets.UTF_8));
        assertTrue(at > 0, "payload of alarm 17 is stored verbatim");
        junk(segment, at + 100, 64);

        try (MapDbOutbox outbox = open(64 * MIB)) {
            List<OutboxEntry> alarms = outbox.oldest(Lane.ALARM, 1000);
            assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(), sequences(alarms));
            assertEquals(payload("alarm", 17, 2_000).length, alarms.get(16).payload().length);
            assertArrayEquals(payload("alarm", 17, 2_000), alarms.get(16).payload(), "the journal's intact copy");
            assertEquals("30", text(outbox.alarmState().get("last")));
        }
        assertTrue(fileNames(dir).contains("outbox-000001.db.corrupt"), fileNames(dir).toString());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aDamagedSealedSegmentThatHeldAlarmsIsSetAsideAndItsAlarmsRestored() throws IOException {
        long last = 0;
        try (MapDbOutbox outbox = open(64 * MIB)) {
            while (outbox.stats().segments() < 2) {
                last++;
                outbox.appendAlarm(last, payload("alarm", last, 100_000), change("last", Long.toString(last)));
            }
            last++;
            outbox.appendAlarm(last, payload("alarm", last, 100), change("last", Long.toString(last)));
            outbox.acknowledge(Lane.ALARM, 1);
        }
        Path damaged = dir.resolve("outbox-000001.db");
        scribble(damaged);
        try (MapDbOutbox outbox = open(64 * MIB)) {
            List<Long> seqs = sequences(outbox.oldest(Lane.ALARM, 1000));
            assertEquals(LongStream.rangeClosed(2, last).boxed().toList(), seqs.subList(seqs.indexOf(2L), seqs.size()),
                    "every unacknowledged alarm, in order");
            assertEquals(last, outbox.lastSequence(Lane.ALARM));
            assertEquals(Long.toString(last), text(outbox.alarmState().get("last")));
        }
        assertTrue(Files.exists(dir.resolve("outbox-000001.db.corrupt")), fileNames(dir).toString());
        try (MapDbOutbox outbox = open(64 * MIB)) {
            assertTrue(outbox.stats().alarmDepth() >= last - 1, "a later start opens with them");
        }
    }

    @Test
    void withoutAReadableJournalADamagedNewestSegmentStillStopsTheOutbox() throws IOException {
        try (MapDbOutbox outbox = open(MIB)) {
            outbox.appendAlarm(1, payload("alarm", 1, 100), Map.of());
        }
        Path segment = dir.resolve("outbox-000001.db");
        scribble(segment);
        for (Path p : AlarmJournal.files(dir)) {
            Files.write(p, new byte[100]); // the journal is damaged too
        }
        OutboxException e = assertThrows(OutboxException.class, () -> open(MIB));
        assertTrue(e.getMessage().contains("outbox-000001.db"), e.getMessage());
        assertTrue(e.getMessage().contains("no alarm journal"), e.getMessage());
        assertTrue(Files.exists(segment), "the file is left where it is for recovery");
    }

    @Test
    void withoutAReadableJournalADamagedSealedSegmentWithAlarmsStillStopsTheOutbox() throws IOException {
        long last = 0;
        try (MapDbOutbox outbox = open(64 * MIB)) {
            while (outbox.stats().segments() < 2) {
                last++;
                outbox.appendAlarm(last, payload("alarm", last, 100_000), Map.of());
            }
        }
        Path damaged = dir.resolve("outbox-000001.db");
        scribble(damaged);
        for (Path p : AlarmJournal.files(dir)) {
            Files.delete(p);
        }
        OutboxException e = assertThrows(OutboxException.class, () -> open(64 * MIB));
        assertTrue(e.getMessage().contains(damaged.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("alarm"), e.getMessage());
        assertTrue(Files.exists(damaged));
    }

    @Test
    void theJournalIsRotatedToASnapshotOfTheUnacknowledgedAlarms() {
        try (MapDbOutbox outbox = open(64 * MIB)) {
            for (long seq = 1; seq <= 150; seq++) {
                outbox.appendAlarm(seq, payload("alarm", seq, 10_000), Map.of());
                outbox.acknowledge(Lane.ALARM, seq - 1);
            }
            assertEquals(1, AlarmJournal.files(dir).size(), "old journal files are deleted after rotation");
            assertTrue(AlarmJournal.files(dir).get(0).getFileName().toString().compareTo("alarm-journal-000002.log") >= 0);
        }
        JournalState s = AlarmJournal.read(dir);
        assertTrue(s.alarms.size() < 120, "acknowledged alarms left the journal with a rotation: " + s.alarms.size());
        assertEquals(150, s.lastAlarm);
        assertTrue(s.alarms.containsKey(150L));
    }

    /** Overwrites {@code length} bytes at {@code offset} with junk, as a failing SD card might. */
    private static void junk(Path file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static void scribble(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("this is not a MapDB header, it is junk".getBytes()), 0);
        }
    }
}
