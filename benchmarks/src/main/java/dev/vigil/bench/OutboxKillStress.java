package dev.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.vigil.core.config.OutboxConfig;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.outbox.OutboxException;

/**
 * Reproduces how often a SIGKILL during writes leaves the outbox unopenable. Each round starts a
 * fresh directory and kills a child (appending a 300-byte alarm and a telemetry batch of the given
 * size in a loop) five times at random points, reopening after each kill. Usage:
 *
 * <pre>java -cp benchmarks/target/vigil-benchmarks.jar dev.vigil.bench.OutboxKillStress [rounds] [batchBytes]</pre>
 *
 * Measured (docs/decisions.md, Outbox): 200,000-byte batches, 5 unopenable newest segments in about
 * 140 kills; 16,000-byte batches, 3 in about 235. Failed directories are kept for inspection.
 */
public final class OutboxKillStress {

    private static final long SEGMENT_BYTES = 4L << 20;
    private static final long TELEMETRY_BYTES = 3L << 20;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int batchBytes = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Random random = new Random();
        int kills = 0;
        int failures = 0;
        for (int round = 1; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("vigil-kill-stress");
            for (int k = 1; k <= 5; k++) {
                Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                        System.getProperty("java.class.path"), OutboxKillStress.class.getName(), "child",
                        dir.toString(), Integer.toString(batchBytes))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Thread.sleep(300 + random.nextInt(1_300));
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
                kills++;
                try (MapDbOutbox outbox = open(dir)) {
                    outbox.stats();
                } catch (OutboxException e) {
                    failures++;
                    System.out.printf("round %d, kill %d: %s%n  directory kept: %s%n", round, k, e.getMessage(), dir);
                    break;
                }
            }
        }
        System.out.printf("batch %d bytes: %d of %d kills left the outbox unopenable%n", batchBytes, failures, kills);
    }

    private static MapDbOutbox open(Path dir) {
        return MapDbOutbox.open(new OutboxConfig(dir, TELEMETRY_BYTES, SEGMENT_BYTES), Clock.systemUTC());
    }

    private static void child(Path dir, int batchBytes) {
        MapDbOutbox outbox = open(dir);
        long alarm = outbox.lastSequence(Lane.ALARM);
        long telemetry = outbox.lastSequence(Lane.TELEMETRY);
        byte[] alarmPayload = new byte[300];
        byte[] batch = new byte[batchBytes];
        while (true) {
            outbox.appendAlarm(++alarm, alarmPayload, Map.of("last", new byte[8]));
            outbox.appendTelemetry(++telemetry, batch);
        }
    }
}
