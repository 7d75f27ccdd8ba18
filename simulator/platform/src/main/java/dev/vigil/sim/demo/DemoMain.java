package dev.vigil.sim.demo;

import dev.vigil.core.config.Durations;
import dev.vigil.sim.broker.EmbeddedBroker;
import dev.vigil.sim.recorder.PlatformRecorder;
import dev.vigil.sim.recorder.Received;
import dev.vigil.sim.scenario.SimEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code vigil demo}: an embedded broker on 127.0.0.1, the hardware simulator playing
 * simulator/scenarios/demo.yaml in-process (see {@link DemoHardware}), the gateway as a child process
 * running the demo site on the simulator's RS-485 port, and the platform side printing each alarm as
 * it arrives with its latency from the simulated change that caused it. Without a pseudo-terminal it
 * falls back to the all-{@code simulated} site next to the template.
 * <pre>
 *   java -cp 'simulator/platform/target/classes:simulator/platform/target/lib/*' dev.vigil.sim.demo.DemoMain \
 *       --vigil bin/vigil --site-template config/demo/demo-site.yaml [--port 1883] [--duration 40s]
 * </pre>
 * Ctrl-C (or the end of {@code --duration}) stops the gateway, the recorder and the broker.
 */
public final class DemoMain {

    static final int DEFAULT_PORT = 1883;
    static final String TOPIC_PREFIX = "vigil";
    private static final Duration CHILD_STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration RECORDER_CONNECT_WAIT = Duration.ofSeconds(5);

    private final Args args;
    private final PrintStream out;
    private final EmbeddedBroker broker = new EmbeddedBroker();
    private final AtomicInteger alarmEvents = new AtomicInteger();
    private PlatformRecorder recorder;
    private DemoHardware hardware;
    private volatile Instant start;
    private Process gateway;
    private volatile boolean stopped;

    private DemoMain(Args args, PrintStream out) {
        this.args = args;
        this.out = out;
    }

    public static void main(String[] argv) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/vigil/sim/demo/logback-demo.xml");
        }
        System.exit(run(argv, System.out));
    }

    /** Runs the demo; returns the process exit code (0 done, 1 failed, 2 bad arguments). */
    static int run(String[] argv, PrintStream out) {
        if (List.of(argv).contains("--help") || List.of(argv).contains("-h")) {
            out.println(Args.USAGE);
            return 0;
        }
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            out.println("vigil demo: " + e.getMessage());
            out.println(Args.USAGE);
            return 2;
        }
        DemoMain demo = new DemoMain(args, out);
        Thread hook = new Thread(demo::stop, "vigil-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return demo.play();
        } catch (IOException | RuntimeException e) {
            out.println("vigil demo failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            demo.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    private int play() throws IOException, InterruptedException {
        int port = broker.start(args.port());
        Path dir = Files.createTempDirectory("vigil-demo-");
        Path site = dir.resolve("demo-site.yaml");
        Path log = dir.resolve("gateway.log");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("MQTT_PORT", Integer.toString(port));
        values.put("OUTBOX_DIR", dir.resolve("outbox").toAbsolutePath().toString());
        Path template = args.siteTemplate();
        String hardwareLine;
        try {
            hardware = DemoHardware.start(args.scenario(), dir.resolve("ports"), this::print);
            values.put("RS485_PORT", hardware.rs485Port().toAbsolutePath().toString());
            values.put("PROFILES_DIR", args.profilesDir().toAbsolutePath().toString());
            hardwareLine = "  hardware      simulator playing " + args.scenario() + "; Modbus RTU bus rs485-1 on "
                    + hardware.rs485Port() + " (modbus-rtu driver)";
        } catch (IOException | RuntimeException e) {
            template = args.fallbackTemplate();
            hardwareLine = "  hardware      NOT SIMULATED: " + e.getMessage() + "; every sensor on the in-process `simulated` driver ("
                    + template.getFileName() + ")";
        }
        Files.writeString(site, fill(Files.readString(template, StandardCharsets.UTF_8), values), StandardCharsets.UTF_8);

        out.println("Vigil demo");
        out.println("  MQTT broker   " + broker.url() + " (embedded, 127.0.0.1 only)");
        out.println("  watch it      mosquitto_sub -h 127.0.0.1 -p " + port + " -t '" + TOPIC_PREFIX + "/#' -v");
        out.println(hardwareLine);
        out.println("  smoke         on the `simulated` driver: the gpio driver is not in vigil.jar yet (Pi4J plugins do not load under OSGi)");
        out.println("  site file     " + site);
        out.println("  gateway log   " + log);
        if (hardware != null) {
            out.println("  latency       sim->received: from the simulated change (value crossing the threshold, slave going silent)");
            out.println("                to the alarm's arrival here, the rule's on-delay included");
            out.println("  scenario      starts when the gateway reports online; its events are printed as `sim`");
        }
        out.println(args.duration() == null ? "  Ctrl-C stops the demo." : "  ends after " + Durations.format(args.duration()));
        out.println();

        start = Clock.systemUTC().instant();
        recorder = new PlatformRecorder(broker.url(), TOPIC_PREFIX);
        recorder.addListener(this::print);
        recorder.start(RECORDER_CONNECT_WAIT);

        gateway = new ProcessBuilder(args.vigil().toString(), "run", "--config", site.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        gateway.getOutputStream().close(); // nothing interactive for the child

        boolean exited = args.duration() == null ? waitForever(gateway)
                : gateway.waitFor(args.duration().toMillis(), TimeUnit.MILLISECONDS);
        if (exited && !stopped) {
            out.println();
            out.println("the gateway exited by itself with code " + gateway.exitValue() + "; last lines of " + log + ":");
            tail(log, 20).forEach(line -> out.println("  | " + line));
            return 1;
        }
        return 0;
    }

    private static boolean waitForever(Process p) throws InterruptedException {
        p.waitFor();
        return true;
    }

    private void print(Received m) {
        if (m instanceof Received.Alarm a) {
            alarmEvents.incrementAndGet();
            SimulatedCauses.Cause cause = hardware == null || !"RAISED".equals(a.transition()) ? null
                    : hardware.causes().of(a.sensor(), AlarmLine.causeKey(a)).orElse(null);
            out.println(AlarmLine.of(a, start, cause));
        } else if (m instanceof Received.Status s) {
            if (hardware != null && "online".equals(s.state())) {
                hardware.startTimeline(); // the gateway is up: play the scenario from 00:00 now
            }
            out.println(AlarmLine.of(s, start));
        } else if (m instanceof Received.Other o && o.problem() != null) {
            out.println("  ! " + o.topic() + ": " + o.problem());
        }
    }

    /** A timeline event or a slave's change of state on the simulated bus. */
    private void print(SimEvent e) {
        if (start != null && !e.kind().equals("output") && !e.kind().equals("modem")) {
            out.println(AlarmLine.of(e, start));
        }
    }

    /** Stops the gateway (politely, then forcibly), the recorder and the broker. Idempotent; also the shutdown hook. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (gateway != null && gateway.isAlive()) {
            gateway.destroy();
            try {
                if (!gateway.waitFor(CHILD_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    out.println("the gateway did not stop within " + Durations.format(CHILD_STOP_WAIT) + "; killing it");
                    gateway.destroyForcibly().waitFor(CHILD_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                gateway.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (recorder != null) {
            recorder.close();
        }
        if (hardware != null) {
            hardware.close();
        }
        broker.stop();
        out.println();
        out.println("demo stopped; the platform received " + alarmEvents.get() + " alarm event(s)");
        out.flush();
    }

    static String fill(String template, int port, Path outboxDir) {
        return fill(template, Map.of("MQTT_PORT", Integer.toString(port), "OUTBOX_DIR", outboxDir.toAbsolutePath().toString()));
    }

    /** Replaces each {@code ${NAME}} by its value; a placeholder without a value is an error naming it. */
    static String fill(String template, Map<String, String> values) {
        String site = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            site = site.replace("${" + v.getKey() + "}", v.getValue());
        }
        int left = site.indexOf("${");
        if (left >= 0) {
            throw new IllegalArgumentException("the site template has a placeholder the demo does not know: "
                    + site.substring(left, Math.min(site.length(), site.indexOf('}', left) + 1)));
        }
        return site;
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** The command line. */
    record Args(Path vigil, Path siteTemplate, Path scenario, int port, Duration duration) {

        static final String USAGE = "usage: DemoMain --vigil <path to bin/vigil> --site-template <config/demo/demo-site.yaml>"
                + " [--scenario FILE (default simulator/scenarios/demo.yaml of the same checkout)]"
                + " [--port N (default 1883, or the next free one)] [--duration 40s (default: until Ctrl-C)]";

        /** The checkout (or installation) the template belongs to: {@code <root>/config/demo/demo-site.yaml}. */
        Path root() {
            Path parent = siteTemplate.toAbsolutePath().normalize().getParent();
            return parent.getParent().getParent();
        }

        Path profilesDir() {
            return root().resolve("config").resolve("profiles");
        }

        /** The all-`simulated` site played where the simulator cannot run: next to the template. */
        Path fallbackTemplate() {
            return siteTemplate.resolveSibling("demo-site-simulated.yaml");
        }

        static Args parse(String[] argv) {
            Path vigil = null;
            Path template = null;
            Path scenario = null;
            int port = DEFAULT_PORT;
            Duration duration = null;
            for (int i = 0; i < argv.length; i++) {
                String flag = argv[i];
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = argv[++i];
                switch (flag) {
                    case "--vigil" -> vigil = Path.of(value);
                    case "--site-template" -> template = Path.of(value);
                    case "--scenario" -> scenario = Path.of(value);
                    case "--port" -> port = port(value);
                    case "--duration" -> duration = Durations.parse(value).filter(d -> !d.isZero())
                            .orElseThrow(() -> new IllegalArgumentException("--duration " + value + " is not a duration; expected "
                                    + Durations.EXPECTED));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (vigil == null || !Files.isExecutable(vigil)) {
                throw new IllegalArgumentException(vigil == null ? "--vigil is required" : "--vigil " + vigil + " is not an executable file");
            }
            if (template == null || !Files.isReadable(template)) {
                throw new IllegalArgumentException(template == null ? "--site-template is required"
                        : "--site-template " + template + " is not a readable file");
            }
            if (scenario == null) {
                Path parent = template.toAbsolutePath().normalize().getParent();
                Path root = parent.getParent() == null ? parent : parent.getParent().getParent();
                scenario = (root == null ? parent : root).resolve("simulator").resolve("scenarios").resolve("demo.yaml");
            }
            return new Args(vigil, template, scenario, port, duration);
        }

        private static int port(String value) {
            try {
                int p = Integer.parseInt(value);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--port " + value + " is not a TCP port (1-65535, or 0 for any free port)");
        }
    }
}
