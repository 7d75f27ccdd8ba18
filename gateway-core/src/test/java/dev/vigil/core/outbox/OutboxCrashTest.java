package dev.vigil.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.core.config.OutboxConfig;

/**
 * Kills a process that is appending alarms with SIGKILL at random points, several times, and
 * checks after each kill that every alarm it reported as accepted is still there, in order, with
 * no gaps, and that the alarm state matches the last stored event.
 */
class OutboxCrashTest {

    private static final int ROUNDS = 5;
    /**
     * Small enough that the child's 16 kB batches are evicted within a round. MapDB 3.1 itself
     * leaves the newest segment unopenable in 1-4 % of kills (docs/decisions.md, Outbox; reproduce
     * with dev.vigil.bench.OutboxKillStress).
     */
    static final long TELEMETRY_MAX_BYTES = 512L << 10;

    @TempDir
    Path root;

    /**
     * After each kill the outbox opens with every accepted alarm, in order, without gaps. MapDB 3.1
     * sometimes leaves the segment being committed unopenable (docs/outbox.md, Damaged segments);
     * the alarm journal must then rebuild it, so a refusal to open fails the test as well.
     */
    @Test
    void everyAcceptedAlarmSurvivesKillMinus9InOrderWithoutGaps() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long highestAccepted = 0;
        int rebuilt = 0;
        Path dir = root.resolve("outbox");
        for (int round = 1; round <= ROUNDS; round++) {
            ConcurrentSkipListSet<Long> accepted = new ConcurrentSkipListSet<>();
            Process child = startChild(dir);
            Thread reader = collect(child, accepted);
            long waitFor = 100 + random.nextInt(1_400);
            awaitAccepted(child, accepted, 20, "round " + round + " (seed " + seed + ")");
            Thread.sleep(waitFor); // a random point in the append loop
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not die");
            reader.join(10_000);
            assertTrue(!accepted.isEmpty(), "round " + round + ": the child accepted nothing");
            assertTrue(accepted.first() == highestAccepted + 1,
                    "round " + round + " resumed at " + accepted.first() + " after " + highestAccepted);
            highestAccepted = accepted.last();

            MapDbOutbox reopened;
            try {
                reopened = MapDbOutbox.open(new OutboxConfig(dir, TELEMETRY_MAX_BYTES, MapDbOutbox.MIN_SEGMENT_BYTES),
                        Clock.systemUTC());
            } catch (OutboxException e) {
                throw new AssertionError("round " + round + " (seed " + seed + "): the outbox refused to open although "
                        + "the alarm journal should have rebuilt it: " + e.getMessage(), e);
            }
            long corrupt = OutboxFixtures.fileNames(dir).stream().filter(n -> n.endsWith(".db.corrupt")).count();
            if (corrupt > rebuilt) {
                System.out.println("round " + round + ": a damaged segment was set aside and rebuilt from the journal");
                rebuilt = (int) corrupt;
            }
            try (MapDbOutbox outbox = reopened) {
                List<OutboxEntry> alarms = outbox.oldest(Lane.ALARM, Integer.MAX_VALUE);
                long last = outbox.lastSequence(Lane.ALARM);
                String context = "round " + round + " (seed " + seed + "), highest accepted " + highestAccepted
                        + ", stored up to " + last;
                assertTrue(last >= highestAccepted, context);
                assertTrue(last <= highestAccepted + 1, "at most the one in flight may be extra: " + context);
                assertEquals(last, alarms.size(), "no alarm was acknowledged, so all must be there: " + context);
                for (int i = 0; i < alarms.size(); i++) {
                    OutboxEntry e = alarms.get(i);
                    assertEquals(i + 1, e.sequence(), "in order without gaps: " + context);
                    assertTrue(OutboxFixtures.text(e.payload()).startsWith("alarm-" + e.sequence() + ":"), context);
                }
                String stateLast = new String(outbox.alarmState().get("last"), StandardCharsets.UTF_8);
                assertEquals(Long.toString(last), stateLast, "alarm state committed with its event: " + context);
                highestAccepted = last; // the child resumes after whatever was stored
                System.out.println(context + ", killed after " + waitFor + " ms: " + outbox.stats());
            }
        }
        assertTrue(highestAccepted > 100, "the rounds appended only " + highestAccepted + " alarms");
    }

    private Process startChild(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                OutboxCrashChild.class.getName(), dir.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static Thread collect(Process child, ConcurrentSkipListSet<Long> accepted) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ACCEPTED ")) {
                        accepted.add(Long.parseLong(line.substring(9).trim()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the child was killed mid-line; what was read before counts
            }
        }, "crash-child-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitAccepted(Process child, ConcurrentSkipListSet<Long> accepted, int count, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (accepted.size() < count) {
            if (!child.isAlive()) {
                throw new AssertionError(what + ": child exited with " + child.exitValue() + " before appending");
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError(what + ": child accepted only " + accepted.size() + " alarms in 30 s");
            }
            Thread.sleep(10);
        }
    }
}
