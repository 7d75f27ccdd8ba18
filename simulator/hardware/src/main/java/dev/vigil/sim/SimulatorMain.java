package dev.vigil.sim;

import dev.vigil.sim.scenario.Scenario;
import dev.vigil.sim.scenario.ScenarioException;
import dev.vigil.sim.scenario.ScenarioParser;
import dev.vigil.sim.scenario.SimEvent;
import dev.vigil.sim.scenario.SimulatedSite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil-sim run SCENARIO [--port-dir DIR] [--seed N] [--events FILE] [--duration 10m] [--exit-after-timeline] [--verbose]}
 * starts the virtual hardware of a scenario, prints the port and pin map, and prints every event as
 * it happens until Ctrl-C (or the duration / end of timeline). {@code vigil-sim check SCENARIO}
 * only validates the file.
 */
public final class SimulatorMain {

    static final String USAGE = """
            usage: vigil-sim run SCENARIO [--port-dir DIR] [--seed N] [--events FILE] [--duration D] [--exit-after-timeline] [--verbose]
                   vigil-sim check SCENARIO
              --port-dir DIR          where the port symlinks and gpio.sock go (default /tmp/vigil-sim)
              --seed N                physics seed instead of the scenario's (another run of the same weather)
              --events FILE           also append every event to FILE as one JSON object per line
              --duration D            stop after D (e.g. 90s, 10m); default: run until Ctrl-C
              --exit-after-timeline   stop once the last timeline event has fired
              --verbose               print every Modbus frame and AT command, not only changes""";

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/vigil/sim/cli-logback.xml");
        }
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            code = 2;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !(args[0].equals("run") || args[0].equals("check"))) {
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(args[1]);
        Path portDir = Path.of("/tmp/vigil-sim");
        Duration duration = null;
        boolean exitAfterTimeline = false;
        boolean verbose = false;
        Long seed = null;
        Path eventsFile = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--port-dir" -> portDir = Path.of(value(args, ++i, "--port-dir"));
                case "--duration" -> duration = parseDuration(value(args, ++i, "--duration"));
                case "--events" -> eventsFile = Path.of(value(args, ++i, "--events"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--exit-after-timeline" -> exitAfterTimeline = true;
                case "--verbose" -> verbose = true;
                default -> {
                    err.println("unknown option '" + args[i] + "'\n" + USAGE);
                    return 2;
                }
            }
        }
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such scenario file");
            return 1;
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (seed != null) {
            scenario = new Scenario(scenario.name(), seed, scenario.buses(), scenario.modems(), scenario.pins(),
                    scenario.floodPoints(), scenario.circuits(), scenario.timeline());
        }
        if (args[0].equals("check")) {
            out.println(file + ": OK, scenario '" + scenario.name() + "' with " + scenario.timeline().size() + " timeline entries");
            return 0;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: ask the loop to stop and keep the JVM alive until ports and socket are removed
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                cleanedUp.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runSite(scenario, portDir, eventsFile, duration, exitAfterTimeline, verbose, stop, out, err);
        } finally {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already running hooks
            }
        }
    }

    private static int runSite(Scenario scenario, Path portDir, Path eventsFile, Duration duration, boolean exitAfterTimeline,
            boolean verbose, CountDownLatch stop, PrintStream out, PrintStream err) {
        try (SimulatedSite site = SimulatedSite.start(scenario, portDir, Clock.systemUTC(), out, verbose);
                EventsFile events = eventsFile == null ? null : new EventsFile(eventsFile)) {
            if (events != null) {
                site.addEventListener(events::write);
            }
            site.printPortMap(out);
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                site.step();
                if (exitAfterTimeline && site.timelineDone()) {
                    break;
                }
                if (stop.await(50, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            out.println("Vigil simulator: stopped after " + site.elapsed().toSeconds() + " s; ports removed");
            return 0;
        } catch (IOException e) {
            err.println("cannot start the virtual hardware: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** --events: JSON lines, flushed per event so a recorder tailing the file sees each one at once. */
    private static final class EventsFile implements AutoCloseable {
        private final java.io.BufferedWriter writer;
        private final Path path;

        EventsFile(Path path) throws IOException {
            this.path = path;
            this.writer = Files.newBufferedWriter(path, java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }

        synchronized void write(SimEvent event) {
            try {
                writer.write(event.toJsonLine());
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                System.err.println("cannot write event to " + path + ": " + e.getMessage());
            }
        }

        @Override
        public synchronized void close() throws IOException {
            writer.close();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static Duration parseDuration(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("duration '" + text + "' should look like 90s, 10m or 1h");
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
    }
}
