package dev.vigil.sim.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real arrangement: the simulator CLI runs as its own JVM, this test plays the gateway with
 * Pi4J and the plugin, and they meet only at the GPIO socket in the port directory.
 */
class SeparateProcessGpioTest {
    @TempDir
    Path dir;

    @Test
    void pi4j_in_this_process_sees_the_smoke_of_a_simulator_process_and_drives_its_siren() throws Exception {
        Path scenario = Files.writeString(dir.resolve("smoke.yaml"), """
                name: smoke across processes
                gpio:
                  - {pin: 17, id: smoke-3f-301, direction: input, active: low}
                  - {pin: 27, id: siren, direction: output}
                timeline:
                  - {at: "00:02", event: smoke, target: smoke-3f-301, for: 1s}
                """);
        Path ports = dir.resolve("ports");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process simulator = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.vigil.sim.SimulatorMain",
                "run", scenario.toString(), "--port-dir", ports.toString(), "--duration", "20s")
                .redirectErrorStream(true).start();
        List<String> printed = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    printed.add(line);
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        pump.start();
        Context pi4j = null;
        try {
            waitUntil(() -> printed.stream().anyMatch(l -> l.startsWith("Timeline:")), printed);
            System.setProperty(SimGpioConnection.SOCKET_PROPERTY, ports.resolve("gpio.sock").toString());
            pi4j = Pi4J.newAutoContext();
            DigitalInput smoke = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("smoke").address(17)
                    .provider(VigilSimGpioPlugin.INPUT_PROVIDER));
            BlockingQueue<DigitalState> changes = new LinkedBlockingQueue<>();
            smoke.addListener((DigitalStateChangeEvent e) -> changes.add(e.state()));
            assertEquals(DigitalState.LOW, changes.poll(10, TimeUnit.SECONDS), "smoke at 00:02: " + printed);
            assertEquals(DigitalState.HIGH, changes.poll(5, TimeUnit.SECONDS), "clear after 1 s");

            DigitalOutput siren = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("siren").address(27)
                    .provider(VigilSimGpioPlugin.OUTPUT_PROVIDER));
            siren.on();
            waitUntil(() -> printed.stream().anyMatch(l -> l.endsWith("siren: gateway drives GPIO 27 HIGH (on)")), printed);
        } finally {
            if (pi4j != null) {
                pi4j.shutdown();
            }
            System.clearProperty(SimGpioConnection.SOCKET_PROPERTY);
            simulator.toHandle().destroy(); // SIGTERM like Ctrl-C; Process.destroy() would also close our end of its stdout
            assertTrue(simulator.waitFor(10, TimeUnit.SECONDS));
            pump.join(2000);
        }
        assertTrue(printed.stream().anyMatch(l -> l.contains("stopped after")), "Ctrl-C (SIGTERM) stops it cleanly (exit " + simulator.exitValue() + "): " + printed);
        assertTrue(Files.notExists(ports.resolve("gpio.sock")), "and removes its socket");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, List<String> printed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("simulator did not get there; it printed: " + printed);
            }
            Thread.sleep(20);
        }
    }
}
