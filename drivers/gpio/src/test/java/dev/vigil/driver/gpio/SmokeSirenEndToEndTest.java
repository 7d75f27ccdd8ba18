package dev.vigil.driver.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.config.SiteValidator;
import dev.vigil.core.engine.Gateway;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway (real engine, real MapDB outbox, real Pi4J path into the simulator) with the
 * network down for good: smoke on the detector input must sound the siren locally, and a chattering
 * contact must not produce an alarm storm.
 */
class SmokeSirenEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final String BUS = """
                provider: vigil-sim
                outputs:
                  siren-1: {pin: 27, activeLevel: high}
            """;
    /** Driver debounce 20 ms, rule debounce 400 ms: the two layers a chattering contact must pass. */
    private static final String SENSORS = """
              - id: smoke-301
                type: smoke
                bus: gpio-1
                address: {pin: 17, activeLevel: low, debounce: 20ms, supervision: {pin: 18, closedLevel: low}}
                place: {building: B3, floor: 3F, room: "301"}
                rules:
                  smoke: {debounce: 400ms, latching: true}
                actions:
                  - {output: siren-1}
            """;

    @TempDir
    Path dir;

    private SimulatedBoard board;
    private AlarmLog alarms;
    private final DeadUplink uplink = new DeadUplink();
    private Gateway gateway;
    private SiteConfig site;

    @BeforeEach
    void board() throws Exception {
        board = new SimulatedBoard(dir);
    }

    private void start() {
        start(SENSORS);
    }

    private void start(String sensors) {
        alarms = new AlarmLog();
        Map<String, DriverFactory> drivers = Map.of("gpio", new GpioDriverFactory());
        Map<String, UplinkFactory> uplinks = Map.of("dead", DeadUplink.factory(uplink));
        SiteFileResult r = SiteValidator.check(SiteFiles.write(dir, BUS, sensors), drivers, uplinks);
        assertTrue(r.isValid(), () -> r.problems().toString());
        site = r.config().orElseThrow();
        startGateway();
    }

    private void startGateway() {
        Map<String, DriverFactory> drivers = Map.of("gpio", new GpioDriverFactory());
        Map<String, UplinkFactory> uplinks = Map.of("dead", DeadUplink.factory(uplink));
        Clock clock = Clock.systemUTC();
        gateway = new Gateway(site, MapDbOutbox.open(site.outbox(), clock), drivers, uplinks, clock);
        gateway.start();
        Waits.until(DEADLINE, () -> gateway.health().drivers().get(0).status().status().name().equals("ONLINE"),
                () -> gateway.health().drivers().toString());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        alarms.close();
        board.close();
    }

    @Test
    void smoke_raises_the_alarm_and_sounds_the_siren_with_no_network_until_acknowledged_and_gone() {
        start();
        long smokeAt = System.nanoTime();
        board.smoke(true);
        Waits.until(DEADLINE, board::sirenSounding, () -> "siren should sound; alarms " + alarms.accepted());
        Duration toSiren = Duration.ofNanos(System.nanoTime() - smokeAt);
        // 400 ms rule debounce + 20 ms driver debounce + at most one 250 ms engine tick (measured 530-600 ms);
        // the bound leaves room for a loaded machine and is still far inside GB 26875.1-2011 4.1.2.1's 10 s
        assertTrue(toSiren.compareTo(Duration.ofMillis(3000)) < 0, "smoke to siren took " + toSiren.toMillis() + " ms");
        Waits.until(DEADLINE, () -> alarms.count("RAISED", "SMOKE") == 1, () -> "alarms " + alarms.accepted());
        assertFalse(gateway.health().uplinks().get(0).status().status().name().equals("ONLINE"));

        board.smoke(false);
        String alarmId = alarms.accepted().get(0).alarmId();
        // latching: the smoke is gone but the siren sounds until someone acknowledges on site
        Waits.until(DEADLINE, () -> gateway.health().activeAlarms().stream().anyMatch(a -> !a.conditionActive()),
                () -> "smoke condition should end: " + gateway.health().activeAlarms());
        assertTrue(board.sirenSounding());
        assertTrue(gateway.acknowledge(alarmId, "installer"));
        Waits.until(DEADLINE, () -> alarms.count("CLEARED", "SMOKE") == 1 && !board.sirenSounding(),
                () -> "alarms " + alarms.accepted() + ", siren " + board.sirenSounding());
        assertEquals(2, board.gatewayChangesOf(27), "siren switched on once and off once");
    }

    @Test
    void a_chattering_detector_contact_produces_no_alarm_storm() throws Exception {
        // a 1 s rule debounce, so only a test thread stalled for a second could let a flip through
        start(SENSORS.replace("debounce: 400ms", "debounce: 1s"));
        // bounces every 3 ms (the driver's debounce swallows them) ...
        for (int i = 0; i < 100; i++) {
            board.smoke(i % 2 == 0);
            Thread.sleep(3);
        }
        // ... then a contact flapping every 100 ms: past the driver's 20 ms, never the rule's 1 s
        for (int i = 0; i < 20; i++) {
            board.smoke(i % 2 == 0);
            Thread.sleep(100);
        }
        board.smoke(false);
        Thread.sleep(1200); // longer than the rule's debounce: a storm would have shown by now
        assertEquals(0, alarms.accepted().size(), () -> "alarm events during chatter: " + alarms.accepted());
        assertEquals(0, sirenSwitchedOn(), "siren never switched on");

        board.smoke(true);
        Waits.until(DEADLINE, () -> alarms.count("RAISED", "SMOKE") == 1 && board.sirenSounding(),
                () -> "alarms " + alarms.accepted());
        Thread.sleep(500);
        assertEquals(1, alarms.accepted().size(), () -> "exactly one alarm event for the real smoke: " + alarms.accepted());
    }

    @Test
    void an_open_supervision_loop_raises_a_device_fault_without_sounding_the_siren() {
        start();
        board.loopOpen(true);
        Waits.until(DEADLINE, () -> alarms.count("RAISED", "DEVICE_FAULT") == 1, () -> "alarms " + alarms.accepted());
        assertFalse(board.sirenSounding(), "a wiring fault is reported, not sounded as fire");
        board.loopOpen(false);
        Waits.until(DEADLINE, () -> alarms.count("CLEARED", "DEVICE_FAULT") == 1, () -> "alarms " + alarms.accepted());
    }

    @Test
    void after_a_restart_a_latched_smoke_alarm_sounds_the_siren_again() {
        start();
        board.smoke(true);
        Waits.until(DEADLINE, () -> alarms.count("RAISED", "SMOKE") == 1 && board.sirenSounding(), () -> "alarms " + alarms.accepted());
        board.smoke(false);
        gateway.close();
        assertFalse(board.sirenSounding(), "a clean stop leaves no siren sounding that nobody can silence");

        startGateway(); // same outbox directory: the active alarm is restored from it
        Waits.until(DEADLINE, board::sirenSounding, () -> "siren after restart; active " + gateway.health().activeAlarms());
        assertEquals(1, alarms.count("RAISED", "SMOKE"), "restored, not raised a second time");
    }

    private long sirenSwitchedOn() {
        return board.bank.history().stream().filter(c -> c.pin() == 27 && c.by().equals("gateway") && c.level()).count();
    }
}
