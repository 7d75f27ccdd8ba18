package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.model.Reading;
import dev.vigil.sim.device.CurrentTransducer;
import dev.vigil.sim.device.PressureLevelTransmitter;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.device.UltrasonicLevelMeter;
import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.SlaveBehaviour;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's acceptance site: 3 RS-485 ports, 20 slaves of all four device types. Two slaves are
 * silent and one answers with bad CRCs; every healthy value is read correctly and the healthy
 * slaves keep their poll rate.
 */
class ThreePortSiteTest {

    private static final Duration TURNAROUND = Duration.ofMillis(2);
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    /** Sensor id -> expected value. */
    private final Map<String, Double> expected = new LinkedHashMap<>();
    private final StringBuilder sensors = new StringBuilder();

    @Test
    void reads_every_value_and_keeps_healthy_poll_rates_while_three_slaves_fail() throws Exception {
        List<ModbusDevice> port1 = devices("p1", 1, 7);
        List<ModbusDevice> port2 = devices("p2", 1, 7);
        List<ModbusDevice> port3 = devices("p3", 11, 6);
        port1.get(4).setBehaviour(SlaveBehaviour.SILENT);   // p1 slave 5
        port2.get(2).setBehaviour(SlaveBehaviour.SILENT);   // p2 slave 3
        port3.get(1).setBehaviour(SlaveBehaviour.BAD_CRC);  // p3 slave 12
        Map<String, Integer> failing = Map.of("rs485-1", 5, "rs485-2", 3, "rs485-3", 12);

        MutableClock clock = new MutableClock(T0);
        List<ModbusRtuDriver> drivers = new ArrayList<>();
        try (SimBus b1 = new SimBus(dir, "bus1", 19200, "8E1", port1.toArray(ModbusDevice[]::new));
                SimBus b2 = new SimBus(dir, "bus2", 9600, "8N1", port2.toArray(ModbusDevice[]::new));
                SimBus b3 = new SimBus(dir, "bus3", 19200, "8E1", port3.toArray(ModbusDevice[]::new));
                Readings context = new Readings(clock)) {
            assertEquals(20, port1.size() + port2.size() + port3.size());
            SiteConfig config = Sites.parse(Sites.write(dir, """
                    buses:
                      - {id: rs485-1, driver: modbus-rtu, port: %s, baud: 19200, parity: even, %s}
                      - {id: rs485-2, driver: modbus-rtu, port: %s, baud: 9600, parity: none, %s}
                      - {id: rs485-3, driver: modbus-rtu, port: %s, baud: 19200, parity: even, %s}
                    sensors:
                    %s""".formatted(b1.path(), common(), b2.path(), common(), b3.path(), common(), sensors)));
            for (String bus : List.of("rs485-1", "rs485-2", "rs485-3")) {
                ModbusRtuDriver d = Sites.driver(config, bus);
                drivers.add(d);
                d.start(context);
            }

            Readings.await(Duration.ofSeconds(20), () -> drivers.stream().allMatch(d -> d.slaveHealth().values().stream()
                    .filter(h -> h.state() == SlaveHealth.State.FAULTY).count() == 1),
                    () -> "one faulty slave per bus: " + drivers.stream().map(ModbusRtuDriver::slaveHealth).toList());

            // the rate window starts once the failing slaves are known to be faulty
            Map<String, Long> pollsBefore = polls(drivers);
            long t0 = System.nanoTime();
            Thread.sleep(4000);
            Map<String, Long> pollsAfter = polls(drivers);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double expectedPolls = seconds / (INTERVAL.toMillis() / 1000.0);

            for (int i = 0; i < drivers.size(); i++) {
                ModbusRtuDriver d = drivers.get(i);
                String bus = "rs485-" + (i + 1);
                for (SlaveHealth h : d.slaveHealth().values()) {
                    String key = bus + "/" + h.slave();
                    long polled = pollsAfter.get(key) - pollsBefore.get(key);
                    if (h.slave() == failing.get(bus)) {
                        assertEquals(SlaveHealth.State.FAULTY, h.state(), key);
                        assertTrue(polled <= expectedPolls / 2, key + " backed off: " + polled + " polls in " + seconds + " s");
                    } else {
                        assertEquals(SlaveHealth.State.ONLINE, h.state(), key + ": " + h);
                        assertTrue(polled >= Math.floor(expectedPolls) - 1, key + " kept its rate: " + polled + " polls in "
                                + seconds + " s, expected about " + expectedPolls);
                    }
                }
                assertEquals(ComponentStatus.Status.DEGRADED, d.health().status().status(), d.health().status().toString());
            }
            assertTrue(drivers.get(2).health().counters().get("crcErrors") >= 3, drivers.get(2).health().counters().toString());
            assertTrue(drivers.get(0).health().counters().get("timeouts") >= 3, drivers.get(0).health().counters().toString());

            for (Map.Entry<String, Double> e : expected.entrySet()) {
                Reading r = context.last(e.getKey());
                boolean ofFailing = e.getKey().startsWith("rs485-1.5-") || e.getKey().startsWith("rs485-2.3-")
                        || e.getKey().startsWith("rs485-3.12-");
                if (ofFailing) {
                    assertTrue(r == null || !r.quality().isGood(), e.getKey() + " gives no good reading: " + r);
                    continue;
                }
                assertTrue(r != null && r.quality().isGood(), e.getKey() + ": " + r);
                assertEquals(e.getValue(), r.value(), 1e-9, e.getKey());
                assertEquals(T0, r.acquiredAt());
            }
        } finally {
            drivers.forEach(ModbusRtuDriver::stop);
        }
    }

    private static String common() {
        return "timeout: 100ms, retries: 1, pollInterval: 500ms, profilesDir: " + Sites.PROFILES;
    }

    private static Map<String, Long> polls(List<ModbusRtuDriver> drivers) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < drivers.size(); i++) {
            String bus = "rs485-" + (i + 1);
            drivers.get(i).slaveHealth().values().forEach(h -> out.put(bus + "/" + h.slave(), h.polls()));
        }
        return out;
    }

    /** {@code count} slaves from {@code first}: monitors, pressure, ultrasonic and current transducers in turn. */
    private List<ModbusDevice> devices(String prefix, int first, int count) {
        String bus = "rs485-" + prefix.charAt(1);
        List<ModbusDevice> out = new ArrayList<>();
        for (int a = first; a < first + count; a++) {
            int slave = a;
            String id = bus + "." + slave;
            switch ((a - first) % 4) {
                case 0 -> {
                    ResidualCurrentMonitor m = new ResidualCurrentMonitor(prefix + a, a, TURNAROUND);
                    m.setSource(1, () -> 100.0 + slave);
                    m.setSource(2, () -> 20.0 + slave / 10.0);
                    out.add(m);
                    sensor(id + "-rc", "residual-current", bus, slave, "acrel-aim-r100", "loop1.current", "", 100.0 + slave);
                    sensor(id + "-t", "cable-temperature", bus, slave, "acrel-aim-r100", "loop2.temperature", "",
                            Math.round((20.0 + slave / 10.0) * 10) / 10.0);
                }
                case 1 -> {
                    PressureLevelTransmitter p = new PressureLevelTransmitter(prefix + a, a, TURNAROUND, 9600);
                    p.setSource(() -> 10.0 + slave);
                    out.add(p);
                    sensor(id + "-wl", "water-depth", bus, slave, "pressure-level", "level", "", 10.0 + slave);
                }
                case 2 -> {
                    UltrasonicLevelMeter u = new UltrasonicLevelMeter(prefix + a, a, TURNAROUND, 2500);
                    u.setSource(() -> 5.0 + slave);
                    out.add(u);
                    sensor(id + "-wu", "water-depth", bus, slave, "ultrasonic-level", "depth", ", mountHeightCm: 250", 5.0 + slave);
                }
                default -> {
                    CurrentTransducer c = new CurrentTransducer(prefix + a, a, TURNAROUND, 200);
                    c.setSource(1, () -> 30.0 + slave / 100.0);
                    out.add(c);
                    sensor(id + "-ia", "phase-current", bus, slave, "current-transducer", "phaseA.current", "", 30.0 + slave / 100.0);
                }
            }
        }
        return out;
    }

    private void sensor(String id, String type, String bus, int slave, String profile, String point, String extra, double value) {
        expected.put(id, value);
        sensors.append("  - {id: \"").append(id).append("\", type: ").append(type).append(", bus: ").append(bus)
                .append(", place: {room: r").append(slave).append("}, address: {slave: ").append(slave).append(", profile: ")
                .append(profile).append(", point: ").append(point).append(extra).append("}}\n");
    }
}
