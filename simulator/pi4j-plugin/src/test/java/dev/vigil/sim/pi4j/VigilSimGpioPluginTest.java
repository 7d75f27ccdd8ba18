package dev.vigil.sim.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import dev.vigil.sim.gpio.GpioBank;
import dev.vigil.sim.gpio.GpioServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's side, exactly as its Pi4J code runs: a Pi4J auto context discovers the plugin by
 * ServiceLoader, and inputs/outputs created with the plugin's provider ids talk to a simulator
 * GpioServer over its unix-domain socket (in-process here; a separate process in a real run).
 */
class VigilSimGpioPluginTest {

    @TempDir
    Path dir;

    private GpioBank bank;
    private GpioServer server;
    private Context pi4j;

    @BeforeEach
    void start() throws Exception {
        bank = new GpioBank(Clock.systemUTC());
        bank.define(new GpioBank.Pin(17, "smoke-3f-301", GpioBank.Direction.INPUT, false), true);
        bank.define(new GpioBank.Pin(27, "siren", GpioBank.Direction.OUTPUT, true), false);
        server = new GpioServer(bank, dir.resolve("gpio.sock"));
        System.setProperty(SimGpioConnection.SOCKET_PROPERTY, server.socketPath().toString());
        pi4j = Pi4J.newAutoContext();
    }

    @AfterEach
    void stop() throws Exception {
        pi4j.shutdown();
        server.close();
        System.clearProperty(SimGpioConnection.SOCKET_PROPERTY);
    }

    @Test
    void the_plugin_is_found_by_service_loader_like_any_pi4j_plugin() {
        assertTrue(pi4j.providers().exists(VigilSimGpioPlugin.INPUT_PROVIDER));
        assertTrue(pi4j.providers().exists(VigilSimGpioPlugin.OUTPUT_PROVIDER));
    }

    @Test
    void a_smoke_detector_input_follows_the_simulator_and_listeners_get_every_change() throws Exception {
        DigitalInput smoke = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("smoke-3f-301").address(17)
                .provider(VigilSimGpioPlugin.INPUT_PROVIDER));
        BlockingQueue<DigitalState> changes = new LinkedBlockingQueue<>();
        smoke.addListener((DigitalStateChangeEvent e) -> changes.add(e.state()));
        assertEquals(DigitalState.HIGH, smoke.state(), "idle level of an active-low contact");

        bank.setActive("smoke-3f-301", true, "test");
        assertEquals(DigitalState.LOW, changes.poll(2, TimeUnit.SECONDS));
        assertEquals(DigitalState.LOW, smoke.state());
        bank.setActive("smoke-3f-301", false, "test");
        assertEquals(DigitalState.HIGH, changes.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void the_siren_output_driven_through_pi4j_is_recorded_by_the_simulator() throws Exception {
        DigitalOutput siren = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("siren").address(27)
                .provider(VigilSimGpioPlugin.OUTPUT_PROVIDER));
        siren.on();
        assertTrue(bank.level(27));
        siren.off();
        assertEquals(List.of(true, false), bank.history().stream().filter(c -> c.pin() == 27).map(GpioBank.Change::level).toList());
        assertTrue(bank.history().stream().allMatch(c -> c.by().equals("gateway")));
    }

    @Test
    void driving_a_detector_input_as_an_output_is_refused_naming_the_pin() {
        Exception e = assertThrows(Exception.class, () -> {
            DigitalOutput wrong = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("oops").address(17)
                    .provider(VigilSimGpioPlugin.OUTPUT_PROVIDER));
            wrong.on();
        });
        assertTrue(e.getMessage().contains("GPIO 17") && e.getMessage().contains("smoke-3f-301"), e.getMessage());
    }
}
