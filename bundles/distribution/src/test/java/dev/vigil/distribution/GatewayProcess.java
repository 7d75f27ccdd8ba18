package dev.vigil.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway as a child process: {@code bin/vigil run --config FILE}, which execs
 * {@code java -jar vigil.jar}, so killing this process kills the JVM itself. Its console output is
 * collected line by line so tests can wait on log lines with deadlines.
 */
final class GatewayProcess implements AutoCloseable {

    /** The one INFO line the engine writes per durably accepted alarm event (see the brief). */
    static final Pattern ACCEPTED = Pattern.compile(
            "ALARM accepted seq=(\\d+) id=(\\S+) transition=(RAISED|ACKED|CLEARED) sensor=(\\S+) level=(\\S+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private final String name;

    private GatewayProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::readOutput, "gateway-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The repository root (bin/vigil, config/), handed in by failsafe. */
    static Path vigilHome() {
        return Path.of(System.getProperty("vigil.home", "../..")).toAbsolutePath().normalize();
    }

    /**
     * @param dataDir VIGIL_DATA for this gateway: OSGi cache and logs go below it
     */
    static GatewayProcess start(String name, Path siteFile, Path dataDir) throws IOException {
        return start(name, siteFile, dataDir, java.util.Map.of());
    }

    /** @param environment added to the child's environment, e.g. VIGIL_JAVA_OPTS */
    static GatewayProcess start(String name, Path siteFile, Path dataDir, java.util.Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(vigilHome().resolve("bin/vigil").toString(), "run", "--config",
                siteFile.toString());
        builder.environment().putAll(environment);
        builder.environment().put("VIGIL_DATA", dataDir.toString());
        builder.redirectErrorStream(true);
        return new GatewayProcess(name, builder.start());
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process died; what was read stays
        }
    }

    /** Waits for a line matching {@code pattern}, failing with the output so far after {@code timeout}. */
    synchronized String awaitLine(Predicate<String> matching, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (matching.test(lines.get(checked))) {
                    return lines.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("gateway " + name + ": no line with " + what + " within " + timeout.toMillis()
                        + " ms; its output:\n" + String.join("\n", lines));
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    String awaitLine(String contains, Duration timeout) {
        return awaitLine(l -> l.contains(contains), "'" + contains + "'", timeout);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every accepted alarm this process logged so far. */
    List<Accepted> accepted() {
        List<Accepted> found = new ArrayList<>();
        for (String line : lines()) {
            Matcher m = ACCEPTED.matcher(line);
            if (m.find()) {
                found.add(new Accepted(Long.parseLong(m.group(1)), m.group(2), m.group(3), m.group(4)));
            }
        }
        return found;
    }

    /** kill -9: no shutdown hook, no clean close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reader.join(2000);
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, as systemd stops it; kill -9 if it has not exited after 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            // Through the handle: Process.destroy() also closes our end of the output pipe, and the
            // lines the gateway writes while stopping would be lost.
            process.toHandle().destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        reader.join(2000);
    }

    record Accepted(long seq, String alarmId, String transition, String sensor) {
    }
}
