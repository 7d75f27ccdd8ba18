package dev.vigil.bench.modbus;

import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.ReadingSink;
import dev.vigil.driver.modbus.BoundSensor;
import dev.vigil.driver.modbus.BusSettings;
import dev.vigil.driver.modbus.DeviceProfile;
import dev.vigil.driver.modbus.ModbusRtuDriver;
import dev.vigil.driver.modbus.ModbusSite;
import dev.vigil.driver.modbus.ProfileLoader;
import dev.vigil.driver.modbus.SerialSettings;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.modbus.RtuBus;
import dev.vigil.sim.modbus.SerialFraming;
import dev.vigil.sim.pty.PseudoTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bus efficiency of the modbus-rtu driver: reads per second it achieves over what the wire allows.
 *
 * <p>One slave (the simulator's AIM-R100-like monitor) on a paced simulated bus at 8E1; the driver
 * polls loops 1..10 (one FC03 request for 10 registers) with a 1 ms interval, so it is always
 * busy. The wire limit follows Modbus over Serial Line V1.02: 8 request + 25 response characters of
 * 11 bits plus a t3.5 after each frame, with a slave that answers at once. Run with a slave
 * turnaround of 0 ms (driver overhead alone) and 2 ms (the simulator's default, a typical device).
 *
 * <pre>
 * ./mvnw -B -q -o -pl benchmarks -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.vigil.bench.modbus.BusEfficiency [seconds] [profilesDir]
 * </pre>
 */
public final class BusEfficiency {

    private static final int[] BAUDS = {9600, 19200, 115200};
    private static final int[] TURNAROUNDS_MS = {0, 2};
    private static final int REGISTERS = 10;

    private BusEfficiency() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path profiles = Path.of(args.length > 1 ? args[1] : "config/profiles");
        DeviceProfile monitor = ProfileLoader.load(profiles.resolve("acrel-aim-r100.yaml")).profile()
                .orElseThrow(() -> new IllegalStateException("cannot load " + profiles.resolve("acrel-aim-r100.yaml")));
        Path dir = Files.createTempDirectory("vigil-bus-efficiency");
        if (System.getProperty("jSerialComm.library.path") == null) {
            System.setProperty("jSerialComm.library.path", Files.createDirectories(dir.resolve("native")).toString());
        }
        System.out.printf("Modbus RTU bus efficiency, FC03 x %d registers, 8E1, %.0f s per run, %d cores, %s%n", REGISTERS,
                seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        System.out.printf("%-7s %-10s %-12s %-13s %-9s %-8s %-10s %s%n", "baud", "turnaround", "wire limit/s", "achieved/s", "ratio",
                "timeouts", "crcErrors", "port thread CPU");
        for (int turnaround : TURNAROUNDS_MS) {
            for (int baud : BAUDS) {
                run(dir, monitor, baud, turnaround, seconds);
            }
        }
        silentSlave(dir, monitor, seconds);
    }

    private static void run(Path dir, DeviceProfile monitor, int baud, int turnaroundMs, double seconds) throws Exception {
        SerialSettings serial = new SerialSettings(baud, 8, SerialSettings.Parity.EVEN, 1);
        ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm", 1, Duration.ofMillis(turnaroundMs));
        Path link = dir.resolve("bench-" + baud + "-" + turnaroundMs);
        try (RtuBus bus = new RtuBus("bench", PseudoTerminal.open(link), SerialFraming.of(baud, "8E1"), new Random(1))) {
            bus.attach(rcm).start();
            List<BoundSensor> sensors = new ArrayList<>();
            for (int loop = 1; loop <= REGISTERS; loop++) {
                sensors.add(new BoundSensor("loop" + loop, Quantity.RESIDUAL_CURRENT, 1, monitor,
                        monitor.point("loop" + loop + ".current").orElseThrow(), Map.of(), Duration.ofMillis(1), SourceRef.UNKNOWN));
            }
            BusSettings settings = new BusSettings(link.toString(), serial, Duration.ofMillis(200), 1, dir, Duration.ofMillis(1), 0,
                    3, Duration.ofSeconds(60));
            ModbusSite site = new ModbusSite("bench", settings, sensors, Map.of(1, monitor), Map.of(1, Duration.ofMillis(200)));
            ModbusRtuDriver driver = new ModbusRtuDriver(site);
            if (driver.blocks().size() != 1 || driver.blocks().get(0).count() != REGISTERS) {
                throw new IllegalStateException("expected one request of " + REGISTERS + " registers, got " + driver.blocks());
            }
            AtomicLong readings = new AtomicLong();
            try (Context context = new Context(r -> readings.incrementAndGet())) {
                driver.start(context);
                Thread.sleep(1000); // warm-up: port open, JIT
                long polls0 = driver.slaveHealth().get(1).answers();
                long cpu0 = portThreadCpuNanos();
                long t0 = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                long polls = driver.slaveHealth().get(1).answers() - polls0;
                double cpuShare = (portThreadCpuNanos() - cpu0) / (double) (System.nanoTime() - t0);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                Map<String, Long> counters = driver.health().counters();
                driver.stop();
                double achieved = polls / elapsed;
                double limit = serial.wireLimitPerSecond(8, 5 + 2 * REGISTERS);
                System.out.printf("%-7d %-10s %-12.1f %-13.1f %-9s %-8d %-10d %.1f%% of a core%n", baud, turnaroundMs + " ms", limit,
                        achieved, String.format("%.1f%%", 100 * achieved / limit), counters.get("timeouts"), counters.get("crcErrors"),
                        100 * cpuShare);
            }
        }
    }

    /** CPU time of the driver's port thread (the one that polls the bus flat out in this harness). */
    private static long portThreadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("vigil-modbus-bench")) {
                return mx.getThreadCpuTime(t.getId());
            }
        }
        throw new IllegalStateException("no vigil-modbus-bench thread");
    }

    /** What one request to a dead slave costs the bus: should be its timeout plus the request's wire time. */
    private static void silentSlave(Path dir, DeviceProfile monitor, double seconds) throws Exception {
        SerialSettings serial = new SerialSettings(19200, 8, SerialSettings.Parity.EVEN, 1);
        ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm", 1, Duration.ofMillis(2));
        rcm.setBehaviour(dev.vigil.sim.modbus.SlaveBehaviour.SILENT);
        BoundSensor s = new BoundSensor("loop1", Quantity.RESIDUAL_CURRENT, 1, monitor, monitor.point("loop1.current").orElseThrow(),
                Map.of(), Duration.ofMillis(1), SourceRef.UNKNOWN);
        for (long timeoutMs : new long[] {50, 100}) {
            // a fresh pseudo-terminal per run: jSerialComm cannot reopen a pty it closed (error 22)
            Path link = dir.resolve("bench-silent-" + timeoutMs);
            try (RtuBus bus = new RtuBus("bench", PseudoTerminal.open(link), SerialFraming.of(19200, "8E1"), new Random(1))) {
                bus.attach(rcm).start();
                BusSettings settings = new BusSettings(link.toString(), serial, Duration.ofMillis(timeoutMs), 0, dir, Duration.ofMillis(1), 0,
                        100, Duration.ofSeconds(60));
                ModbusRtuDriver driver = new ModbusRtuDriver(new ModbusSite("silent", settings, List.of(s), Map.of(1, monitor),
                        Map.of(1, Duration.ofMillis(timeoutMs))));
                try (Context context = new Context(r -> { })) {
                    driver.start(context);
                    Thread.sleep(500);
                    long before = driver.health().counters().get("timeouts");
                    long t0 = System.nanoTime();
                    Thread.sleep((long) (seconds * 1000));
                    long timeouts = driver.health().counters().get("timeouts") - before;
                    double elapsedMs = (System.nanoTime() - t0) / 1e6;
                    driver.stop();
                    System.out.printf("silent slave, timeout %d ms at 19200: %.1f ms of bus time per failed request (%d timeouts)%n",
                            timeoutMs, elapsedMs / timeouts, timeouts);
                }
            }
        }
    }

    private record Context(ReadingSink readings, ScheduledExecutorService scheduler) implements DriverContext, AutoCloseable {
        Context(ReadingSink readings) {
            this(readings, Executors.newSingleThreadScheduledExecutor());
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }
}
