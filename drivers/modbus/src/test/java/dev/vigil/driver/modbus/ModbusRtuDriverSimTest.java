package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import dev.vigil.sim.device.CurrentTransducer;
import dev.vigil.sim.device.LoopFault;
import dev.vigil.sim.device.PressureLevelTransmitter;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.device.UltrasonicLevelMeter;
import dev.vigil.sim.modbus.SlaveBehaviour;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against the simulator's paced slaves on a real pseudo-terminal, through jSerialComm. */
class ModbusRtuDriverSimTest {

    private static final Duration TURNAROUND = Duration.ofMillis(2);
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm", 1, TURNAROUND);
    private final PressureLevelTransmitter pressure = new PressureLevelTransmitter("pressure", 2, TURNAROUND, 19200);
    private final UltrasonicLevelMeter ultrasonic = new UltrasonicLevelMeter("ultrasonic", 3, TURNAROUND, 3000);
    private final CurrentTransducer ct = new CurrentTransducer("ct", 4, TURNAROUND, 100);
    private SimBus sim;
    private Readings context;
    private ModbusRtuDriver driver;

    @BeforeEach
    void setUp() throws Exception {
        rcm.setSource(1, () -> 345.0);
        rcm.setSource(2, () -> 41.3);
        rcm.setSource(3, () -> -5.5);
        pressure.setSource(() -> 87.6);
        ultrasonic.setSource(() -> 42.0);
        ct.setSource(2, () -> 12.34);
        sim = new SimBus(dir, "rs485-1", 19200, "8E1", rcm, pressure, ultrasonic, ct);
        context = new Readings(clock);
        SiteConfig config = Sites.parse(Sites.write(dir, """
                buses:
                  - {id: rs485-1, driver: modbus-rtu, port: %s, baud: 19200, parity: even, timeout: 60ms, retries: 1,
                     pollInterval: 200ms, failuresToFault: 3, maxBackoff: 2s, profilesDir: %s}
                sensors:
                  - {id: rc-1, type: residual-current, bus: rs485-1, place: {room: board},
                     address: {slave: 1, profile: acrel-aim-r100, point: loop1.current}}
                  - {id: t-2, type: cable-temperature, bus: rs485-1, place: {room: board},
                     address: {slave: 1, profile: acrel-aim-r100, point: loop2.temperature}}
                  - {id: t-3, type: cable-temperature, bus: rs485-1, place: {room: board},
                     address: {slave: 1, profile: acrel-aim-r100, point: loop3.temperature}}
                  - {id: wl-p, type: water-depth, bus: rs485-1, place: {point: pit},
                     address: {slave: 2, profile: pressure-level, point: level}}
                  - {id: wl-u, type: water-depth, bus: rs485-1, place: {point: underpass},
                     address: {slave: 3, profile: ultrasonic-level, point: depth, mountHeightCm: 300}}
                  - {id: ia-4, type: phase-current, bus: rs485-1, place: {room: board},
                     address: {slave: 4, profile: current-transducer, point: phaseB.current}}
                """.formatted(sim.path(), Sites.PROFILES)));
        driver = Sites.driver(config, "rs485-1");
    }

    @AfterEach
    void tearDown() {
        driver.stop();
        sim.close();
        context.close();
    }

    @Test
    void reads_every_device_type_with_units_and_acquisition_time() throws Exception {
        driver.start(context);
        for (String id : new String[] {"rc-1", "t-2", "t-3", "wl-p", "wl-u", "ia-4"}) {
            Readings.await(Duration.ofSeconds(5), () -> context.last(id) != null, () -> id + " never read");
        }
        assertReading("rc-1", 345.0, "mA");
        assertReading("t-2", 41.3, "°C");
        assertReading("t-3", -5.5, "°C");
        assertReading("wl-p", 87.6, "cm");
        assertReading("wl-u", 42.0, "cm");
        assertReading("ia-4", 12.34, "A");

        clock.advance(Duration.ofMinutes(1));
        int before = context.of("rc-1").size();
        Readings.await(Duration.ofSeconds(5), () -> context.of("rc-1").size() > before + 1, () -> "rc-1 not polled again");
        assertEquals(T0.plus(Duration.ofMinutes(1)), context.last("rc-1").acquiredAt(), "stamped with the driver clock when read");
        DriverHealth health = driver.health();
        assertEquals(ComponentStatus.Status.ONLINE, health.status().status(), health.toString());
        assertEquals(ComponentStatus.Status.ONLINE, health.devices().get("slave 1").status());
        assertTrue(health.counters().get("requests") > 0);
        assertEquals(0, health.counters().get("timeouts"));
    }

    @Test
    void a_device_fault_code_makes_the_reading_bad_with_its_code() throws Exception {
        rcm.setFault(1, LoopFault.SHORT);
        driver.start(context);
        Readings.await(Duration.ofSeconds(5), () -> context.last("rc-1") != null, () -> "rc-1 never read");
        Quality q = context.last("rc-1").quality();
        assertEquals(Quality.Status.BAD, q.status());
        assertEquals(0xE5E5, q.deviceFaultCode());
        assertTrue(q.reason().contains("sensor short"), q.reason());
    }

    @Test
    void adjacent_registers_of_one_slave_are_read_in_one_request() throws Exception {
        PollBlock monitor = driver.blocks().stream().filter(b -> b.slave() == 1).findFirst().orElseThrow();
        assertEquals(1, driver.blocks().stream().filter(b -> b.slave() == 1).count(), driver.blocks().toString());
        assertEquals(0x004A, monitor.start());
        assertEquals(3, monitor.count());
        driver.start(context);
        Readings.await(Duration.ofSeconds(5), () -> context.of("t-3").size() >= 5, () -> "t-3 read 5 times");
        driver.stop();
        long requests = sim.requestsTo(1);
        long polled = driver.slaveHealth().get(1).polls();
        assertEquals(polled, requests, "one request per poll of the three loops");
        assertTrue(context.of("rc-1").size() >= polled - 1 && context.of("t-2").size() >= polled - 1);
    }

    @Test
    void writes_a_writable_setting_and_refuses_a_read_only_point() throws Exception {
        driver.start(context);
        driver.writes().write(1, "loop1.currentAlarm", 400).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(400, rcm.readHolding(ResidualCurrentMonitor.REG_ALARM_VALUE));

        ModbusWriteException readOnly = assertThrows(ModbusWriteException.class,
                () -> driver.writes().write(1, "loop1.current", 10));
        assertTrue(readOnly.getMessage().contains("read-only") && readOnly.getMessage().contains("acrel-aim-r100.yaml:"),
                readOnly.getMessage());
        ModbusWriteException range = assertThrows(ModbusWriteException.class,
                () -> driver.writes().write(1, "loop1.currentAlarm", 5000));
        assertTrue(range.getMessage().contains("20.0 to 1000.0 mA"), range.getMessage());
        assertThrows(ModbusWriteException.class, () -> driver.writes().write(9, "loop1.currentAlarm", 400));

        rcm.setSource(2, () -> 41.3);
        driver.writes().write(1, "loop2.temperatureAlarm", 70.5).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(705, rcm.readHolding(ResidualCurrentMonitor.REG_ALARM_VALUE + 1));
    }

    @Test
    void a_write_the_device_rejects_fails_with_the_slaves_exception() {
        driver.start(context);
        // loop 1 is wired as residual current: the device takes 20..1000 there, so 140.0 °C (raw 1400) is refused
        ExecutionException e = assertThrows(ExecutionException.class, () -> driver.writes()
                .write(1, "loop1.temperatureAlarm", 140).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ModbusWriteException, e.toString());
        assertTrue(e.getCause().getMessage().contains("illegal data value"), e.getCause().getMessage());
        assertEquals(300, rcm.readHolding(ResidualCurrentMonitor.REG_ALARM_VALUE));
    }

    @Test
    void a_silent_slave_is_backed_off_marked_faulty_and_recovers() throws Exception {
        ct.setBehaviour(SlaveBehaviour.SILENT);
        driver.start(context);
        Readings.await(Duration.ofSeconds(10), () -> driver.slaveHealth().get(1).polls() >= 20,
                () -> "slave 1 polled 20 times: " + driver.slaveHealth());
        SlaveHealth silent = driver.slaveHealth().get(4);
        assertEquals(SlaveHealth.State.FAULTY, silent.state(), silent.toString());
        // 20 polls at 200 ms = 4 s: 3 polls to become faulty, then backoff 0.4, 0.8, 1.6, 2 s
        assertTrue(silent.polls() <= 8, "backed off: " + silent);
        assertTrue(silent.polls() >= 4, "still polled: " + silent);
        assertTrue(silent.lastProblem().contains("timeout"), silent.lastProblem());
        Reading bad = context.last("ia-4");
        assertEquals(Quality.Status.BAD, bad.quality().status());
        assertTrue(Double.isNaN(bad.value()));
        DriverHealth health = driver.health();
        assertEquals(ComponentStatus.Status.DEGRADED, health.status().status(), health.status().toString());
        assertEquals(ComponentStatus.Status.OFFLINE, health.devices().get("slave 4").status());
        assertTrue(health.counters().get("timeouts") >= 6, health.counters().toString());

        ct.setBehaviour(SlaveBehaviour.NORMAL);
        Readings.await(Duration.ofSeconds(5), () -> driver.slaveHealth().get(4).state() == SlaveHealth.State.ONLINE,
                () -> "slave 4 back online: " + driver.slaveHealth().get(4));
        Readings.await(Duration.ofSeconds(2), () -> context.last("ia-4").quality().isGood(), () -> "good readings again");
        assertEquals(12.34, context.last("ia-4").value(), 1e-9);
        assertFalse(driver.health().status().status() == ComponentStatus.Status.DEGRADED);
    }

    @Test
    void an_unplugged_bus_is_offline_with_every_slave_faulty_and_recovers() throws Exception {
        driver.start(context);
        Readings.await(Duration.ofSeconds(5), () -> driver.health().status().status() == ComponentStatus.Status.ONLINE,
                () -> "bus online: " + driver.health().status());
        sim.bus.setUnplugged(true);
        Readings.await(Duration.ofSeconds(10), () -> driver.health().status().status() == ComponentStatus.Status.OFFLINE,
                () -> "bus offline: " + driver.health().status());
        assertEquals("NO_SLAVE_ANSWERS", driver.health().status().detail());
        sim.bus.setUnplugged(false);
        Readings.await(Duration.ofSeconds(10), () -> driver.health().status().status() == ComponentStatus.Status.ONLINE,
                () -> "bus back online: " + driver.health().status());
    }

    @Test
    void stop_ends_the_port_thread_and_fails_later_writes() throws Exception {
        driver.start(context);
        Readings.await(Duration.ofSeconds(5), () -> context.last("rc-1") != null, () -> "rc-1 never read");
        assertTrue(portThreads() > 0);
        driver.stop();
        assertEquals(0, portThreads(), "no vigil-modbus-rs485-1 thread left after stop()");
        ExecutionException e = assertThrows(ExecutionException.class, () -> driver.writes()
                .write(1, "loop1.currentAlarm", 400).toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("stopped"), e.getCause().getMessage());
    }

    private static long portThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("vigil-modbus-rs485-1") && t.isAlive()).count();
    }

    private void assertReading(String id, double value, String unit) {
        Reading r = context.last(id);
        assertTrue(r.quality().isGood(), id + ": " + r.quality());
        assertEquals(value, r.value(), 1e-9, id);
        assertEquals(unit, r.unit(), id);
        assertEquals(T0, r.acquiredAt(), id);
    }
}
