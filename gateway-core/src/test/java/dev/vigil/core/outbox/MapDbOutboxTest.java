package dev.vigil.core.outbox;

import static dev.vigil.core.outbox.OutboxFixtures.MIB;
import static dev.vigil.core.outbox.OutboxFixtures.config;
import static dev.vigil.core.outbox.OutboxFixtures.payload;
import static dev.vigil.core.outbox.OutboxFixtures.sequences;
import static dev.vigil.core.outbox.OutboxFixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.core.config.OutboxConfig;

class MapDbOutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void entriesComeBackInSequenceOrderPerLaneWithTheirStoreTime() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            outbox.appendAlarm(1, payload("alarm", 1, 100), Map.of());
            clock.advance(Duration.ofMillis(250));
            outbox.appendTelemetry(7, payload("tele", 7, 500));
            outbox.appendAlarm(2, payload("alarm", 2, 100), Map.of());
            outbox.appendTelemetry(8, payload("tele", 8, 500));
            outbox.appendAlarm(5, payload("alarm", 5, 100), Map.of());

            List<OutboxEntry> alarms = outbox.oldest(Lane.ALARM, 10);
            assertEquals(List.of(1L, 2L, 5L), sequences(alarms));
            assertEquals(T0, alarms.get(0).storedAt());
            assertEquals(T0.plusMillis(250), alarms.get(1).storedAt());
            assertTrue(text(alarms.get(2).payload()).startsWith("alarm-5:"));
            assertEquals(List.of(7L, 8L), sequences(outbox.oldest(Lane.TELEMETRY, 10)));
            assertEquals(List.of(1L, 2L), sequences(outbox.oldest(Lane.ALARM, 2)));
        }
    }

    @Test
    void acknowledgedEntriesAreNotReturnedAgainNorAfterRestart() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            for (long s = 1; s <= 5; s++) {
                outbox.appendAlarm(s, payload("alarm", s, 50), Map.of());
            }
            outbox.acknowledge(Lane.ALARM, 1);
            outbox.acknowledge(Lane.ALARM, 3);
            outbox.acknowledge(Lane.ALARM, 99); // unknown: ignored
            outbox.acknowledge(Lane.TELEMETRY, 2); // other lane: ignored
            assertEquals(List.of(2L, 4L, 5L), sequences(outbox.oldest(Lane.ALARM, 10)));
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            assertEquals(List.of(2L, 4L, 5L), sequences(outbox.oldest(Lane.ALARM, 10)));
        }
    }

    @Test
    void lastSequenceSurvivesAcknowledgementsAndRestart() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            assertEquals(0, outbox.lastSequence(Lane.ALARM));
            outbox.appendAlarm(41, payload("alarm", 41, 50), Map.of());
            outbox.appendAlarm(42, payload("alarm", 42, 50), Map.of());
            outbox.appendTelemetry(9, payload("tele", 9, 50));
            outbox.acknowledge(Lane.ALARM, 41);
            outbox.acknowledge(Lane.ALARM, 42);
            outbox.acknowledge(Lane.TELEMETRY, 9);
            assertEquals(42, outbox.lastSequence(Lane.ALARM));
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            assertEquals(42, outbox.lastSequence(Lane.ALARM));
            assertEquals(9, outbox.lastSequence(Lane.TELEMETRY));
            assertTrue(outbox.oldest(Lane.ALARM, 10).isEmpty());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> outbox.appendAlarm(42, payload("alarm", 42, 50), Map.of()));
            assertTrue(e.getMessage().contains("42"), e.getMessage());
        }
    }

    @Test
    void restartRecoversEverythingUnacknowledgedInOrder() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            for (long s = 1; s <= 300; s++) {
                outbox.appendAlarm(s, payload("alarm", s, 200), Map.of());
                outbox.appendTelemetry(s, payload("tele", s, 1000));
            }
            for (long s = 1; s <= 100; s++) {
                outbox.acknowledge(Lane.ALARM, s);
            }
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            List<OutboxEntry> alarms = outbox.oldest(Lane.ALARM, 1000);
            assertEquals(LongStream.rangeClosed(101, 300).boxed().toList(), sequences(alarms));
            assertArrayEquals(payload("alarm", 101, 200), alarms.get(0).payload());
            assertEquals(300, outbox.oldest(Lane.TELEMETRY, 1000).size());
            OutboxStats stats = outbox.stats();
            assertEquals(200, stats.alarmDepth());
            assertEquals(300, stats.telemetryDepth());
            assertEquals(300 * 1000, stats.telemetryBytes());
            assertEquals(T0, stats.oldestStoredAt());
        }
    }

    @Test
    void alarmStateIsCommittedWithTheEventAndRestoredAfterRestart() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            outbox.appendAlarm(1, payload("alarm", 1, 50), Map.of("A-1", bytes("RAISED"), "A-2", bytes("RAISED")));
            Map<String, byte[]> change = new HashMap<>();
            change.put("A-1", null); // cleared: removed from the state
            change.put("A-2", bytes("ACKED"));
            outbox.appendAlarm(2, payload("alarm", 2, 50), change);
            assertEquals(Map.of("A-2", "ACKED"), strings(outbox.alarmState()));
            outbox.acknowledge(Lane.ALARM, 1);
            outbox.acknowledge(Lane.ALARM, 2);
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            assertEquals(Map.of("A-2", "ACKED"), strings(outbox.alarmState()));
        }
    }

    @Test
    void aRejectedAlarmChangesNeitherTheLaneNorTheState() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            outbox.appendAlarm(5, payload("alarm", 5, 50), Map.of("A-1", bytes("RAISED")));
            assertThrows(IllegalArgumentException.class,
                    () -> outbox.appendAlarm(4, payload("alarm", 4, 50), Map.of("A-1", bytes("CLEARED"))));
            assertEquals(Map.of("A-1", "RAISED"), strings(outbox.alarmState()));
            assertEquals(List.of(5L), sequences(outbox.oldest(Lane.ALARM, 10)));
        }
    }

    @Test
    void telemetryBeyondItsBoundEvictsTheOldestBatchesOnly() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 10_000), clock)) {
            outbox.appendAlarm(1, payload("alarm", 1, 2_000), Map.of());
            for (long s = 1; s <= 15; s++) {
                outbox.appendTelemetry(s, payload("tele", s, 1_000));
            }
            assertEquals(LongStream.rangeClosed(6, 15).boxed().toList(),
                    sequences(outbox.oldest(Lane.TELEMETRY, 100)));
            assertEquals(List.of(1L), sequences(outbox.oldest(Lane.ALARM, 100)));
            assertEquals(5, outbox.stats().evictedBatches());
            assertEquals(10_000, outbox.stats().telemetryBytes());
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 10_000), clock)) {
            assertEquals(5, outbox.stats().evictedBatches());
            assertEquals(6, outbox.oldest(Lane.TELEMETRY, 1).get(0).sequence());
        }
    }

    @Test
    void alarmsAreNeverEvictedEvenWhenTheTelemetryBoundIsTiny() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 300), clock)) {
            for (long s = 1; s <= 500; s++) {
                outbox.appendAlarm(s, payload("alarm", s, 400), Map.of());
                outbox.appendTelemetry(s, payload("tele", s, 200));
            }
            assertEquals(LongStream.rangeClosed(1, 500).boxed().toList(),
                    sequences(outbox.oldest(Lane.ALARM, 1000)));
            assertEquals(List.of(500L), sequences(outbox.oldest(Lane.TELEMETRY, 1000)));
            assertEquals(499, outbox.stats().evictedBatches());
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 300), clock)) {
            assertEquals(500, outbox.oldest(Lane.ALARM, 1000).size());
        }
    }

    @Test
    void largeBatchesComeBackByteForByteAfterRestart() {
        byte[] big = payload("tele", 1, 300_001); // above MapDB's 64 kB record size: stored as linked records
        byte[] exact = payload("tele", 2, 65_535);
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 4 * MIB), clock)) {
            outbox.appendTelemetry(1, big);
            outbox.appendTelemetry(2, exact);
            outbox.appendAlarm(1, payload("alarm", 1, 70_000), Map.of());
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 4 * MIB), clock)) {
            List<OutboxEntry> batches = outbox.oldest(Lane.TELEMETRY, 10);
            assertArrayEquals(big, batches.get(0).payload());
            assertArrayEquals(exact, batches.get(1).payload());
            assertArrayEquals(payload("alarm", 1, 70_000), outbox.oldest(Lane.ALARM, 1).get(0).payload());
            assertEquals(300_001 + 65_535, outbox.stats().telemetryBytes());
            outbox.acknowledge(Lane.TELEMETRY, 1);
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 4 * MIB), clock)) {
            assertEquals(List.of(2L), sequences(outbox.oldest(Lane.TELEMETRY, 10)));
        }
    }

    @Test
    void aTelemetryBatchLargerThanTheWholeLaneIsRefusedNamingBothSizes() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, 1_000), clock)) {
            outbox.appendTelemetry(1, payload("tele", 1, 500));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> outbox.appendTelemetry(2, new byte[1_001]));
            assertTrue(e.getMessage().contains("1001") && e.getMessage().contains("1000"), e.getMessage());
            assertEquals(List.of(1L), sequences(outbox.oldest(Lane.TELEMETRY, 10)));
        }
    }

    @Test
    void aSecondOutboxOnTheSameDirectoryIsRefusedNamingIt() {
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            OutboxException e = assertThrows(OutboxException.class, () -> MapDbOutbox.open(config(dir, MIB), clock));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        }
    }

    @Test
    void statsOfAnEmptyOutbox() {
        try (MapDbOutbox outbox = MapDbOutbox.open(new OutboxConfig(dir, MIB, 64 * MIB), clock)) {
            OutboxStats stats = outbox.stats();
            assertEquals(0, stats.alarmDepth());
            assertEquals(0, stats.telemetryDepth());
            assertNull(stats.oldestStoredAt());
            assertEquals(1, stats.segments());
            assertTrue(stats.fileBytes() > 0);
        }
    }

    @Test
    void writerAndForwarderThreadsCanWorkAtTheSameTime() throws Exception {
        int count = 500;
        try (MapDbOutbox outbox = MapDbOutbox.open(config(dir, MIB), clock)) {
            Thread writer = new Thread(() -> {
                for (long s = 1; s <= count; s++) {
                    outbox.appendAlarm(s, payload("alarm", s, 100), Map.of("last", bytes(Long.toString(s))));
                }
            });
            writer.start();
            long expected = 1;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (expected <= count && System.nanoTime() < deadline) {
                for (OutboxEntry e : outbox.oldest(Lane.ALARM, 50)) {
                    assertEquals(expected, e.sequence(), "forwarder sees alarms in order, each once");
                    outbox.acknowledge(Lane.ALARM, e.sequence());
                    expected++;
                }
            }
            writer.join(10_000);
            assertEquals(count + 1, expected);
            assertEquals(0, outbox.stats().alarmDepth());
            assertEquals(Long.toString(count), new String(outbox.alarmState().get("last"), StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> strings(Map<String, byte[]> state) {
        Map<String, String> m = new HashMap<>();
        state.forEach((k, v) -> m.put(k, new String(v, StandardCharsets.UTF_8)));
        return m;
    }
}
