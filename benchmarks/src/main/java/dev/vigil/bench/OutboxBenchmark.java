package dev.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.vigil.core.config.OutboxConfig;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.outbox.Outbox;

/**
 * Measures MapDbOutbox beside a SQLite-WAL baseline of the same interface, in one run:
 * durable alarm append latency, telemetry throughput with batching, and file bytes after a long
 * churn with an outage in it. Usage:
 *
 * <pre>java -jar benchmarks/target/vigil-benchmarks.jar [--dir DIR] [--alarms N] [--churn N]</pre>
 *
 * See docs/performance.md (Outbox) for recorded figures.
 */
public final class OutboxBenchmark {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final long MIB = 1L << 20;
    /** Gateway-like settings for the MapDB outbox: 64 MiB telemetry lane, 16 MiB segments. */
    private static final long TELEMETRY_MAX_BYTES = 64 * MIB;
    private static final long SEGMENT_MAX_BYTES = 16 * MIB;

    private final Path root;
    private final int alarms;
    private final int churn;
    private final List<String[]> rows = new ArrayList<>();

    private OutboxBenchmark(Path root, int alarms, int churn) {
        this.root = root;
        this.alarms = alarms;
        this.churn = churn;
    }

    /** One implementation under test: how to open it in a directory and how many bytes it keeps on disk. */
    private record Subject(String name, Function<Path, Outbox> open) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        Path root = Path.of(opts.getOrDefault("--dir", "target/outbox-bench")).toAbsolutePath();
        int alarms = Integer.parseInt(opts.getOrDefault("--alarms", "5000"));
        int churn = Integer.parseInt(opts.getOrDefault("--churn", "200000"));
        deleteTree(root);
        Files.createDirectories(root);
        new OutboxBenchmark(root, alarms, churn).run();
        deleteTree(root);
    }

    private void run() throws IOException {
        FileStore store = Files.getFileStore(root);
        System.out.printf("Vigil outbox benchmark, %s%n", Instant.now());
        System.out.printf("java %s on %s %s, %d cores; directory %s (%s, %s)%n", System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), root, store.type(), store.name());
        System.out.printf("MapDbOutbox: telemetryMaxBytes %d MiB, segmentMaxBytes %d MiB. SQLite: journal_mode=WAL, "
                + "synchronous=FULL, one transaction per append and per ack.%n", TELEMETRY_MAX_BYTES / MIB,
                SEGMENT_MAX_BYTES / MIB);
        System.out.printf("load average at the start: %s%n%n", loadAverage());

        Subject mapdb = new Subject("MapDbOutbox", dir -> MapDbOutbox.open(
                new OutboxConfig(dir, TELEMETRY_MAX_BYTES, SEGMENT_MAX_BYTES), CLOCK));
        Subject sqlite = new Subject("SqliteOutbox", dir -> SqliteOutbox.open(dir, TELEMETRY_MAX_BYTES, CLOCK));

        alarmLatency(mapdb, sqlite);
        telemetryThroughput(mapdb, sqlite, 200, 1_000);
        telemetryThroughput(mapdb, sqlite, 1_000, 300);
        churn(mapdb, sqlite);
        System.out.printf("%nload average at the end: %s (other processes share the cores and the disk)%n",
                loadAverage());

        System.out.printf("%n%-44s %16s %16s %10s%n", "figure", "MapDbOutbox", "SQLite WAL", "MapDB/SQLite");
        for (String[] r : rows) {
            System.out.printf("%-44s %16s %16s %10s%n", (Object[]) r);
        }
    }

    // --- (a) durable alarm appends -------------------------------------------------------------

    private void alarmLatency(Subject a, Subject b) {
        double[] la = alarmLatencies(a);
        double[] lb = alarmLatencies(b);
        row("alarm append p50 (ms)", percentile(la, 0.50), percentile(lb, 0.50), 2);
        row("alarm append p99 (ms)", percentile(la, 0.99), percentile(lb, 0.99), 2);
        row("alarm append max (ms)", la[la.length - 1], lb[lb.length - 1], 2);
    }

    /** Sorted latencies in ms of {@link #alarms} appends, each with a small alarm-state change. */
    private double[] alarmLatencies(Subject s) {
        Path dir = freshDir(s.name() + "-alarm");
        try (Outbox outbox = s.open().apply(dir)) {
            int warmup = Math.min(500, alarms / 5);
            double[] ms = new double[alarms];
            for (int i = 1; i <= warmup + alarms; i++) {
                byte[] payload = Payloads.alarm(i);
                Map<String, byte[]> state = Map.of("alarm-" + (i % 20), Payloads.state(i));
                long t0 = System.nanoTime();
                outbox.appendAlarm(i, payload, state);
                long t1 = System.nanoTime();
                if (i > warmup) {
                    ms[i - warmup - 1] = (t1 - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf("%-13s alarm appends: %d (after %d warm-up), payload %d bytes%n", s.name(), alarms,
                    warmup, Payloads.alarm(1).length);
            return ms;
        }
    }

    // --- (b) telemetry throughput --------------------------------------------------------------

    private void telemetryThroughput(Subject a, Subject b, int readingsPerBatch, int batches) {
        double ra = readingsPerSecond(a, readingsPerBatch, batches);
        double rb = readingsPerSecond(b, readingsPerBatch, batches);
        row("telemetry readings/s, " + readingsPerBatch + " per batch", ra, rb, 0);
        if (readingsPerBatch == 1_000) {
            double oa = reopenMillis(a, readingsPerBatch);
            double ob = reopenMillis(b, readingsPerBatch);
            row("open with that backlog unacknowledged (ms)", oa, ob, 0);
        }
    }

    /** Time to open the directory the telemetry run left behind (recovery reads every entry). */
    private double reopenMillis(Subject s, int readingsPerBatch) {
        Path dir = root.resolve(s.name() + "-telemetry-" + readingsPerBatch);
        long bytes = directoryBytes(dir);
        long t0 = System.nanoTime();
        try (Outbox outbox = s.open().apply(dir)) {
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf("%-13s reopened %.1f MiB holding %d telemetry batches in %.0f ms%n", s.name(),
                    bytes / (double) MIB, outbox.stats().telemetryDepth(), ms);
            return ms;
        }
    }

    private double readingsPerSecond(Subject s, int readingsPerBatch, int batches) {
        Path dir = freshDir(s.name() + "-telemetry-" + readingsPerBatch);
        try (Outbox outbox = s.open().apply(dir)) {
            byte[][] payloads = new byte[batches + 20][];
            for (int i = 0; i < payloads.length; i++) {
                payloads[i] = Payloads.telemetry(i + 1, readingsPerBatch);
            }
            for (int i = 0; i < 20; i++) {
                outbox.appendTelemetry(i + 1, payloads[i]); // warm-up
            }
            long t0 = System.nanoTime();
            for (int i = 20; i < payloads.length; i++) {
                outbox.appendTelemetry(i + 1, payloads[i]);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = (double) batches * readingsPerBatch / seconds;
            System.out.printf("%-13s telemetry: %d batches of %d readings (%d bytes each) in %.2f s%n", s.name(),
                    batches, readingsPerBatch, payloads[20].length, seconds);
            return rate;
        }
    }

    // --- (c) churn with an outage ----------------------------------------------------------------

    /**
     * {@link #churn} appends, 9 alarms to 1 telemetry batch of 200 readings, the forwarder
     * confirming each entry 100 appends later, except during an outage over 10 % of the run when
     * nothing is confirmed. Then everything is confirmed and 2,000 more cycles run ("settled").
     */
    private void churn(Subject a, Subject b) {
        long[] ca = churnBytes(a);
        long[] cb = churnBytes(b);
        row("churn: peak file bytes (MiB)", ca[0] / (double) MIB, cb[0] / (double) MIB, 1);
        row("churn: file bytes at the end (MiB)", ca[1] / (double) MIB, cb[1] / (double) MIB, 1);
        row("churn: file bytes settled (MiB)", ca[2] / (double) MIB, cb[2] / (double) MIB, 1);
        row("churn: duration (s)", ca[3] / 1000.0, cb[3] / 1000.0, 1);
    }

    private long[] churnBytes(Subject s) {
        Path dir = freshDir(s.name() + "-churn");
        long peak = 0;
        long end = 0;
        long settled;
        long t0 = System.nanoTime();
        int lag = 100;
        int outageStart = churn * 4 / 10;
        int outageEnd = churn / 2;
        try (Outbox outbox = s.open().apply(dir)) {
            long alarmSeq = 0;
            long telemetrySeq = 0;
            List<long[]> unconfirmed = new ArrayList<>(); // {lane ordinal, seq}, oldest first
            int head = 0;
            for (int i = 1; i <= churn + 2_000; i++) {
                if (i % 10 == 0) {
                    telemetrySeq++;
                    outbox.appendTelemetry(telemetrySeq, Payloads.telemetry(telemetrySeq, 200));
                    unconfirmed.add(new long[] {Lane.TELEMETRY.ordinal(), telemetrySeq});
                } else {
                    alarmSeq++;
                    outbox.appendAlarm(alarmSeq, Payloads.alarm(alarmSeq),
                            Map.of("alarm-" + (alarmSeq % 20), Payloads.state(alarmSeq)));
                    unconfirmed.add(new long[] {Lane.ALARM.ordinal(), alarmSeq});
                }
                boolean outage = i > outageStart && i <= outageEnd;
                if (!outage) {
                    int confirmUpTo = unconfirmed.size() - lag;
                    while (head < confirmUpTo) {
                        long[] e = unconfirmed.get(head++);
                        outbox.acknowledge(Lane.values()[(int) e[0]], e[1]);
                    }
                    if (head > 100_000) {
                        unconfirmed.subList(0, head).clear();
                        head = 0;
                    }
                }
                if (i % 1_000 == 0) {
                    peak = Math.max(peak, directoryBytes(dir));
                }
                if (i == churn) {
                    end = directoryBytes(dir);
                    peak = Math.max(peak, end);
                    System.out.printf("%-13s churn: %d appends (%d alarms, %d telemetry batches), outage over appends "
                            + "%d..%d; peak %.1f MiB, at the end %.1f MiB%n", s.name(), churn, alarmSeq, telemetrySeq,
                            outageStart, outageEnd, peak / (double) MIB, end / (double) MIB);
                }
            }
            while (head < unconfirmed.size()) {
                long[] e = unconfirmed.get(head++);
                outbox.acknowledge(Lane.values()[(int) e[0]], e[1]);
            }
            settled = directoryBytes(dir);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%-13s churn: settled at %.1f MiB after everything was confirmed, %.1f s in all%n",
                s.name(), settled / (double) MIB, ms / 1000.0);
        return new long[] {peak, end, settled, ms};
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void row(String figure, double a, double b, int decimals) {
        String fmt = "%." + decimals + "f";
        rows.add(new String[] {figure, String.format(Locale.ROOT, fmt, a), String.format(Locale.ROOT, fmt, b),
                b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / b)});
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private Path freshDir(String name) {
        Path dir = root.resolve(name);
        deleteTree(dir);
        return dir;
    }

    static long directoryBytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Payloads shaped like the real JSON documents (docs/protocol.md). */
    static final class Payloads {
        private Payloads() {
        }

        static byte[] alarm(long seq) {
            return ("{\"type\":\"alarm\",\"gateway\":\"gw-futian-017\",\"seq\":" + seq + ",\"alarmId\":\"A-" + (seq % 50)
                    + "\",\"transition\":\"RAISED\",\"sensor\":\"rc-3f-204\",\"kind\":\"LEVEL\",\"level\":\"alarm\","
                    + "\"severity\":\"ALARM\",\"quantity\":\"RESIDUAL_CURRENT\",\"value\":512.0,\"unit\":\"mA\","
                    + "\"threshold\":500.0,\"acquiredAt\":\"2026-11-22T10:00:00.123Z\",\"eventAt\":"
                    + "\"2026-11-22T10:00:05.124Z\",\"place\":{\"site\":\"futian-a\",\"building\":\"b2\",\"floor\":\"3\","
                    + "\"room\":\"204\"},\"message\":\"residual current 512 mA above 500 mA for 5 s\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        static byte[] state(long seq) {
            return ("{\"state\":\"RAISED\",\"seq\":" + seq + ",\"since\":\"2026-11-22T10:00:05.124Z\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        /** A telemetry batch; each reading is about 120 bytes. */
        static byte[] telemetry(long seq, int readings) {
            StringBuilder sb = new StringBuilder(readings * 125 + 80);
            sb.append("{\"type\":\"telemetry\",\"gateway\":\"gw-futian-017\",\"seq\":").append(seq)
                    .append(",\"readings\":[");
            for (int r = 0; r < readings; r++) {
                if (r > 0) {
                    sb.append(',');
                }
                sb.append("{\"sensor\":\"rc-").append(100 + r % 400).append("\",\"quantity\":\"RESIDUAL_CURRENT\",")
                        .append("\"value\":").append(100 + (seq * 7 + r) % 300).append(".5,\"acquiredAt\":")
                        .append("\"2026-11-22T10:00:0").append(r % 10).append(".123Z\",\"quality\":\"GOOD\"}");
            }
            return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
