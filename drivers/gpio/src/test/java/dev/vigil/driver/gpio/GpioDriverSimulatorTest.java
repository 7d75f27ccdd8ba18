package dev.vigil.driver.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.ReadingSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gpio driver through the real Pi4J code path, against the simulator's Pi4J plugin. */
class GpioDriverSimulatorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** The context clock: readings must carry its time, not the wall clock's. */
    private static final Instant CONTEXT_NOW = Instant.parse("2026-11-22T10:00:00.123Z");

    private static final String BUS = """
                provider: vigil-sim
                outputs:
                  siren-1: {pin: 27, activeLevel: high}
                  relay-1: {pin: 22, activeLevel: low}
            """;
    private static final String SMOKE = """
              - id: smoke-301
                type: smoke
                bus: gpio-1
                address: {pin: 17, activeLevel: low, pull: up, debounce: 30ms, supervision: {pin: 18, closedLevel: low}}
                place: {building: B3, floor: 3F, room: "301"}
            """;

    @TempDir
    Path dir;

    private SimulatedBoard board;
    private ScheduledExecutorService scheduler;
    private final BlockingQueue<Reading> readings = new LinkedBlockingQueue<>();
    private Driver driver;

    @BeforeEach
    void board() throws Exception {
        board = new SimulatedBoard(dir);
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void stop() throws Exception {
        if (driver != null) {
            driver.stop();
        }
        scheduler.shutdownNow();
        board.close();
    }

    private Driver start(String bus, String sensors) {
        return start(bus, sensors, new GpioDriverFactory());
    }

    private Driver start(String bus, String sensors, GpioDriverFactory factory) {
        SiteFileResult r = SiteFiles.parse(dir, bus, sensors);
        assertTrue(r.isValid(), () -> r.problems().toString());
        SiteConfig site = r.config().orElseThrow();
        List<SensorConfig> sensorsOnBus = site.sensorsOn("gpio-1");
        assertEquals(List.of(), factory.validate(site.buses().get(0), sensorsOnBus));
        driver = factory.create(site.buses().get(0), sensorsOnBus);
        ReadingSink sink = readings::add;
        Clock clock = Clock.fixed(CONTEXT_NOW, ZoneOffset.UTC);
        driver.start(new DriverContext() {
            @Override
            public ReadingSink readings() {
                return sink;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return scheduler;
            }
        });
        return driver;
    }

    private Reading next() throws InterruptedException {
        Reading r = readings.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no reading within " + DEADLINE);
        }
        return r;
    }

    @Test
    void smoke_on_the_input_is_reported_as_1_and_its_end_as_0_stamped_with_the_context_clock() throws Exception {
        start(BUS, SMOKE);
        Reading idle = next();
        assertEquals(new Reading("smoke-301", Quantity.SMOKE, 0, "", CONTEXT_NOW, Quality.GOOD), idle);

        board.smoke(true);
        assertEquals(1.0, next().value());
        board.smoke(false);
        Reading cleared = next();
        assertEquals(0.0, cleared.value());
        assertEquals(CONTEXT_NOW, cleared.acquiredAt());
        assertEquals(ComponentStatus.Status.ONLINE, driver.health().status().status(), driver.health().toString());
    }

    @Test
    void an_open_supervision_loop_makes_the_readings_a_device_fault_until_it_closes() throws Exception {
        start(BUS, SMOKE);
        assertTrue(next().quality().isGood());

        board.loopOpen(true);
        Reading fault = next();
        assertEquals(Quality.Status.BAD, fault.quality().status());
        assertEquals(DetectorInput.SUPERVISION_OPEN, fault.quality().deviceFaultCode());
        assertTrue(fault.quality().reason().contains("supervision loop open at GPIO 18"), fault.quality().reason());
        assertEquals("SUPERVISION_OPEN", driver.health().devices().get("GPIO 17 smoke-301").detail());

        board.loopOpen(false);
        Reading back = next();
        assertTrue(back.quality().isGood());
        assertNull(back.quality().deviceFaultCode());
    }

    @Test
    void outputs_switched_by_the_engine_reach_the_pins_at_their_active_levels() {
        start(BUS, SMOKE);
        Waits.until(DEADLINE, () -> driver.health().status().status() == ComponentStatus.Status.ONLINE,
                () -> driver.health().toString());
        assertFalse(board.sirenSounding(), "outputs open switched off");
        assertTrue(board.bank.level(22), "active-low relay opens high (off)");

        driver.outputs().get("siren-1").set(true);
        driver.outputs().get("relay-1").set(true);
        assertTrue(board.sirenSounding());
        assertFalse(board.bank.level(22), "active-low relay energised by driving it low");

        driver.outputs().get("siren-1").set(false);
        assertFalse(board.sirenSounding());
        assertTrue(board.bank.history().stream().filter(c -> c.pin() == 27).allMatch(c -> c.by().equals("gateway")));
    }

    @Test
    void an_output_switched_before_start_is_applied_when_its_pin_opens() {
        SiteFileResult r = SiteFiles.parse(dir, BUS, SMOKE);
        SiteConfig site = r.config().orElseThrow();
        Driver early = new GpioDriverFactory().create(site.buses().get(0), site.sensorsOn("gpio-1"));
        early.outputs().get("siren-1").set(true); // e.g. an alarm restored from the outbox at engine start
        assertFalse(board.sirenSounding());
        driver = early;
        driver.start(new SimpleContext(readings::add, scheduler));
        assertTrue(board.sirenSounding());
    }

    @Test
    void a_chattering_contact_gives_no_readings_until_it_settles() throws Exception {
        start(BUS, SMOKE.replace("debounce: 30ms", "debounce: 100ms"));
        assertEquals(0.0, next().value());
        for (int i = 0; i < 100; i++) {
            board.smoke(i % 2 == 0);
            Thread.sleep(1); // bounces about a millisecond apart, far under the 100 ms debounce even on a busy machine
        }
        board.smoke(true);
        assertEquals(1.0, next().value());
        Thread.sleep(200);
        assertEquals(List.of(), List.copyOf(readings), "one reading for 100 bounces, then nothing");
        Waits.until(DEADLINE, () -> driver.health().counters().get("edges") >= 50, () -> driver.health().toString());
    }

    @Test
    void without_the_simulator_start_does_not_throw_the_pins_are_offline_and_no_reading_is_invented() throws Exception {
        board.close();
        System.setProperty(SimulatedBoard.SOCKET_PROPERTY, dir.resolve("nobody-listens.sock").toString());
        start(BUS, SMOKE);
        DriverHealth h = driver.health();
        assertEquals(ComponentStatus.Status.DEGRADED, h.status().status(), h.toString());
        ComponentStatus pin = h.devices().get("GPIO 17 smoke-301");
        assertEquals("PIN_UNAVAILABLE", pin.detail());
        assertTrue(pin.message().contains("GPIO 17") && pin.message().contains("nobody-listens.sock"), pin.message());
        assertNull(readings.poll(100, TimeUnit.MILLISECONDS), "the engine's offline rule, not a fake reading, reports it");
    }

    @Test
    void pins_that_failed_to_open_are_retried_and_work_once_the_hardware_is_there() throws Exception {
        board.close();
        System.setProperty(SimulatedBoard.SOCKET_PROPERTY, dir.resolve("gpio.sock").toString()); // nobody there yet
        start(BUS, SMOKE, new GpioDriverFactory(Pi4jGpioLines::open, Duration.ofMillis(200)));
        assertNull(readings.poll(300, TimeUnit.MILLISECONDS));
        board = new SimulatedBoard(dir); // the simulator comes up on the socket the plugin is pointed at
        assertEquals(0.0, next().value(), "the idle detector reports once its pins opened");
        Waits.until(DEADLINE, () -> driver.health().status().status() == ComponentStatus.Status.ONLINE,
                () -> driver.health().toString());
        board.smoke(true);
        assertEquals(1.0, next().value());
    }

    @Test
    void a_provider_that_is_not_installed_is_reported_with_what_is_available() {
        start(BUS.replace("vigil-sim", "gpiod"), SMOKE);
        DriverHealth h = driver.health();
        assertEquals(ComponentStatus.Status.OFFLINE, h.status().status());
        assertEquals("PROVIDER_UNAVAILABLE", h.status().detail());
        assertTrue(h.status().message().contains("'gpiod-digital-input'") && h.status().message().contains("vigil-sim-digital-input"),
                h.status().message());
    }

    private record SimpleContext(ReadingSink readings, ScheduledExecutorService scheduler) implements DriverContext {
        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    }
}
