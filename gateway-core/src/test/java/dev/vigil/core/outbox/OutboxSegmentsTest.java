package dev.vigil.core.outbox;

import static dev.vigil.core.outbox.OutboxFixtures.MIB;
import static dev.vigil.core.outbox.OutboxFixtures.directoryBytes;
import static dev.vigil.core.outbox.OutboxFixtures.fileNames;
import static dev.vigil.core.outbox.OutboxFixtures.payload;
import static dev.vigil.core.outbox.OutboxFixtures.sequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.core.config.OutboxConfig;

/** Segment files: rolling, deletion, compaction, and what happens to damaged ones. */
class OutboxSegmentsTest {

    private static final long SEGMENT = MapDbOutbox.MIN_SEGMENT_BYTES;
    /** Current segment, the newest sealed one, and MapDB's growth step beyond the roll size. */
    private static final long CHURN_BOUND = 3 * SEGMENT;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    private MapDbOutbox open(long telemetryMaxBytes) {
        return MapDbOutbox.open(new OutboxConfig(dir, telemetryMaxBytes, SEGMENT), clock);
    }

    @Test
    void churnRollsSegmentsAndDeletesAcknowledgedOnesSoDiskStaysBounded() {
        long maxSeen = 0;
        int lag = 100; // the forwarder confirms each entry 100 appends later
        try (MapDbOutbox outbox = open(8 * MIB)) {
            for (long s = 1; s <= 1_500 + lag; s++) {
                if (s <= 1_500) {
                    if (s % 2 == 0) {
                        outbox.appendAlarm(s, payload("alarm", s, 300), Map.of("last", payload("st", s, 20)));
                    } else {
                        outbox.appendTelemetry(s, payload("tele", s, 24_000));
                    }
                }
                long confirmed = s - lag;
                if (confirmed >= 1) {
                    outbox.acknowledge(confirmed % 2 == 0 ? Lane.ALARM : Lane.TELEMETRY, confirmed);
                }
                if (s % 50 == 0) {
                    maxSeen = Math.max(maxSeen, directoryBytes(dir));
                }
            }
            assertTrue(maxSeen <= CHURN_BOUND, "directory grew to " + maxSeen + " bytes, bound " + CHURN_BOUND);
            assertTrue(fileNames(dir).stream().anyMatch(n -> n.compareTo("outbox-000003.db") >= 0),
                    "18 MB of churn must have rolled through several segments: " + fileNames(dir));
            assertTrue(outbox.stats().segments() <= 2, "segments alive: " + fileNames(dir));
        }
        try (MapDbOutbox outbox = open(8 * MIB)) {
            assertEquals(1_500, outbox.lastSequence(Lane.ALARM));
            assertEquals(1_499, outbox.lastSequence(Lane.TELEMETRY));
            assertTrue(outbox.alarmState().containsKey("last"), "alarm state moved along with the segments");
            assertTrue(outbox.oldest(Lane.ALARM, 10).isEmpty());
        }
    }

    @Test
    void aDrainedBacklogGivesItsDiskBackEvenWhenAFewAlarmsAreNeverAcknowledged() {
        List<Long> pinned = new ArrayList<>();
        long backlogBytes;
        long afterDrain;
        try (MapDbOutbox outbox = open(8 * MIB)) {
            // an outage: 12 MB of alarms pile up over several segments
            for (long s = 1; s <= 600; s++) {
                outbox.appendAlarm(s, payload("alarm", s, 20_000), Map.of());
            }
            backlogBytes = directoryBytes(dir);
            assertTrue(backlogBytes >= 4 * SEGMENT, "the backlog needs room: " + backlogBytes);
            // the link is back: all but a few are confirmed, then normal traffic goes on
            for (long s = 1; s <= 600; s++) {
                if (s % 100 == 1) {
                    pinned.add(s); // the upstream never confirms these
                } else {
                    outbox.acknowledge(Lane.ALARM, s);
                }
            }
            for (long s = 601; s <= 700; s++) {
                outbox.appendAlarm(s, payload("alarm", s, 20_000), Map.of());
                outbox.acknowledge(Lane.ALARM, s);
            }
            afterDrain = directoryBytes(dir);
            assertEquals(pinned, sequences(outbox.oldest(Lane.ALARM, 100)));
        }
        // without compaction every segment of the backlog would stay alive for its one pinned alarm
        assertTrue(afterDrain <= CHURN_BOUND, "after the drain the directory holds " + afterDrain
                + " bytes (backlog " + backlogBytes + "): " + fileNames(dir));
        try (MapDbOutbox outbox = open(8 * MIB)) {
            List<OutboxEntry> left = outbox.oldest(Lane.ALARM, 100);
            assertEquals(pinned, sequences(left));
            for (OutboxEntry e : left) {
                assertTrue(OutboxFixtures.text(e.payload()).startsWith("alarm-" + e.sequence() + ":"));
            }
        }
    }

    @Test
    void anEntryCopiedByAnInterruptedCompactionIsDeliveredOnce() {
        List<Long> all = new ArrayList<>();
        try (MapDbOutbox outbox = open(8 * MIB)) {
            for (long s = 1; outbox.stats().segments() < 2; s++) {
                outbox.appendAlarm(s, payload("alarm", s, 50_000), Map.of());
                all.add(s);
            }
        }
        // what a stop between "copy committed in the new segment" and "removed from the old one" leaves
        try (Segment older = Segment.open(1, dir.resolve("outbox-000001.db"));
                Segment newer = Segment.open(2, dir.resolve("outbox-000002.db"))) {
            newer.putRaw(Lane.ALARM, 1, older.raw(Lane.ALARM, 1));
            newer.putRaw(Lane.ALARM, 2, older.raw(Lane.ALARM, 2));
            newer.commit();
        }
        try (MapDbOutbox outbox = open(8 * MIB)) {
            assertEquals(all, sequences(outbox.oldest(Lane.ALARM, 1000)));
            all.forEach(s -> outbox.acknowledge(Lane.ALARM, s));
            assertEquals(0, outbox.stats().alarmDepth());
        }
        try (MapDbOutbox outbox = open(8 * MIB)) {
            assertTrue(outbox.oldest(Lane.ALARM, 1000).isEmpty(), "no duplicate comes back after acknowledgement");
            assertFalse(Files.exists(dir.resolve("outbox-000001.db")), "the drained old segment was deleted");
        }
    }

    @Test
    void aDamagedSegmentThatHeldOnlyTelemetryIsSetAsideAndTheRestIsKept() throws IOException {
        try (MapDbOutbox outbox = open(64 * MIB)) {
            for (long s = 1; outbox.stats().segments() < 2; s++) {
                outbox.appendTelemetry(s, payload("tele", s, 100_000));
            }
            outbox.appendAlarm(1, payload("alarm", 1, 100), Map.of("A", new byte[] {1}));
        }
        scribble(dir.resolve("outbox-000001.db"));
        try (MapDbOutbox outbox = open(64 * MIB)) {
            assertEquals(List.of(1L), sequences(outbox.oldest(Lane.ALARM, 10)));
            assertEquals(1, outbox.alarmState().size());
            assertTrue(outbox.oldest(Lane.TELEMETRY, 10).isEmpty(), "telemetry of the damaged segment is gone");
        }
        assertTrue(Files.exists(dir.resolve("outbox-000001.db.corrupt")), fileNames(dir).toString());
        assertFalse(Files.exists(dir.resolve("outbox-000001.db")));
        try (MapDbOutbox outbox = open(64 * MIB)) {
            assertEquals(1, outbox.stats().alarmDepth(), "a later start opens quietly");
        }
    }

    @Test
    void aSegmentLeftHalfCreatedByAStopWhileRollingIsRemoved() throws IOException {
        try (MapDbOutbox outbox = open(MIB)) {
            outbox.appendAlarm(1, payload("alarm", 1, 100), Map.of());
        }
        Files.write(dir.resolve("outbox-000002.db.new"), new byte[4096]);
        try (MapDbOutbox outbox = open(MIB)) {
            assertEquals(List.of(1L), sequences(outbox.oldest(Lane.ALARM, 10)));
            outbox.appendAlarm(2, payload("alarm", 2, 100), Map.of());
        }
        assertFalse(Files.exists(dir.resolve("outbox-000002.db.new")));
    }

    @Test
    void statsCountFilesAndSegments() {
        try (MapDbOutbox outbox = open(64 * MIB)) {
            for (long s = 1; outbox.stats().segments() < 3; s++) {
                outbox.appendTelemetry(s, payload("tele", s, 200_000));
            }
            OutboxStats stats = outbox.stats();
            assertEquals(3, stats.segments());
            assertEquals(directoryBytes(dir), stats.fileBytes());
            assertEquals(LongStream.of(stats.telemetryDepth()).sum() * 200_000, stats.telemetryBytes());
        }
    }

    /** Overwrites the file header with junk, as a failing SD card might. */
    private static void scribble(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("this is not a MapDB header, it is junk".getBytes()), 0);
        }
    }
}
