package dev.vigil.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;
import dev.vigil.sim.device.LoopFault;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.device.UltrasonicLevelMeter;
import dev.vigil.sim.gpio.GpioBank;
import dev.vigil.sim.modbus.Crc16;
import dev.vigil.sim.modbus.SlaveBehaviour;
import dev.vigil.sim.physics.MutableClock;
import dev.vigil.sim.pty.SerialPorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTest {
    private static final Path SHIPPED = Path.of("../scenarios");

    @TempDir
    static Path nativeDir;
    @TempDir
    Path dir;

    @BeforeAll
    static void nativeLibs() {
        SerialPorts.useLibraryDir(nativeDir);
    }

    static Stream<Path> shippedScenarios() throws Exception {
        return Files.list(SHIPPED).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void every_shipped_scenario_is_valid(Path file) {
        Scenario s = ScenarioParser.parse(file);
        assertFalse(s.timeline().isEmpty(), file + " has a timeline");
    }

    @Test
    void the_issue_scenarios_and_the_demo_are_shipped() throws Exception {
        assertEquals(List.of("demo.yaml", "faults-everywhere-soak.yaml", "residential-fire-warning.yaml",
                        "street-flood-point.yaml"),
                shippedScenarios().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void errors_name_the_file_line_and_what_is_expected() throws Exception {
        assertError("""
                name: x
                buses:
                  - id: rs485-1
                    devices:
                      - {id: a, type: acrel-aim-r100, address: 1}
                timeline:
                  - at: "00:10"
                    event: silnt
                    target: a
                """, ":8: timeline[0].event: unknown event 'silnt'; known: [smoke,");
        assertError("""
                buses:
                  - id: rs485-1
                    devices:
                      - {id: a, type: acrel-aim-r100, address: 1}
                      - {id: b, type: current-transducer, address: 1}
                """, ":5: buses[0].devices[1].address: address 1 is already used by another slave on this bus");
        assertError("""
                buses:
                  - id: rs485-1
                    devices:
                      - {id: a, type: acrel-aim-r100, address: 1}
                timeline:
                  - {at: "00:10", event: leak, target: a/2, ma: 300}
                """, ":6: timeline[0].target: loop 2 of a is TEMPERATURE, this event needs RESIDUAL_CURRENT");
        assertError("""
                timeline:
                  - {from: "00:10", event: note, text: hi}
                """, ":2: timeline[0]: from: needs a for: (e.g. for: 5m)");
        assertError("""
                timeline:
                  - {at: "0:75", event: note, text: hi}
                """, ":2: timeline[0].at: time '0:75' has more than 59 minutes or seconds in a field");
        assertError("""
                gpio:
                  - {pin: 17, id: s, directon: input}
                """, ":2: gpio[0].directon: unknown key 'directon'");
    }

    private void assertError(String yaml, String expected) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), yaml);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void the_soak_scenario_applies_and_undoes_every_fault_on_time_and_prints_each_event() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-07-01T08:00:00Z"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Scenario scenario = ScenarioParser.parse(SHIPPED.resolve("faults-everywhere-soak.yaml"));
        try (SimulatedSite site = SimulatedSite.start(scenario, dir.resolve("ports"), clock,
                new PrintStream(printed, true, StandardCharsets.UTF_8), false)) {
            ResidualCurrentMonitor rcmA = (ResidualCurrentMonitor) site.device("rcm-a");
            ResidualCurrentMonitor rcmB = (ResidualCurrentMonitor) site.device("rcm-b");
            UltrasonicLevelMeter sonar = (UltrasonicLevelMeter) site.device("sonar-1");

            at(site, clock, "00:11");
            assertEquals(SlaveBehaviour.Mode.SILENT, rcmB.behaviour().mode());
            at(site, clock, "00:31");
            assertEquals(SlaveBehaviour.late(Duration.ofMillis(1500)), site.device("ct-a").behaviour());
            at(site, clock, "00:46");
            assertEquals(SlaveBehaviour.Mode.BAD_CRC, site.device("level-1").behaviour().mode());
            at(site, clock, "01:01");
            assertEquals(SlaveBehaviour.Mode.GARBAGE, sonar.behaviour().mode());
            at(site, clock, "01:31");
            assertEquals(SlaveBehaviour.Mode.NORMAL, rcmB.behaviour().mode(), "silent for 60 s only");
            assertTrue(site.bus("rs485-2").isUnplugged());
            at(site, clock, "02:01");
            assertTrue(rcmA.isStuck());
            at(site, clock, "02:41");
            assertEquals(LoopFault.SHORT, rcmB.fault(2));
            assertEquals(LoopFault.OPEN, rcmB.fault(3));
            assertEquals(0xE5E5, rcmB.readHolding(0x004B));
            assertFalse(site.bus("rs485-2").isUnplugged(), "plugged back after 60 s");
            at(site, clock, "03:01");
            assertEquals(UltrasonicLevelMeter.NO_ECHO, sonar.readHolding(0));
            at(site, clock, "04:01");
            assertFalse(site.modem("nbiot-1").isRegistered());
            at(site, clock, "05:31");
            assertTrue(site.modem("nbiot-1").isRegistered());
            at(site, clock, "06:51");
            long doorChanges = site.gpio().history().stream().filter(c -> c.id().equals("door-contact")).count();
            assertTrue(doorChanges >= 10, "door contact chattered: " + doorChanges + " changes");
            at(site, clock, "07:31");
            assertFalse(site.gpio().level(5), "smoke-1 is active low");
            at(site, clock, "08:01");
            assertFalse(rcmA.isStuck());
            assertTrue(rcmA.value(1) > 500, "leak on top of natural leakage: " + rcmA.value(1));
            assertEquals(0x0001, rcmA.readHolding(ResidualCurrentMonitor.REG_ALARM_BITS));
            double before = site.floodPoint("pit-1").depthCm();
            at(site, clock, "12:00");
            assertTrue(site.floodPoint("pit-1").depthCm() > before + 5, "rain with a blocked drain floods the pit: " + site.floodPoint("pit-1").depthCm());
            at(site, clock, "20:01");
            assertTrue(rcmB.value(4) > 80, "loose joint under 130 % load overheats: " + rcmB.value(4));
            assertFalse(site.timelineDone(), "the loose joint lasts until 20:30");
            at(site, clock, "20:31");
            assertTrue(site.timelineDone());
        }
        String log = printed.toString(StandardCharsets.UTF_8);
        for (String line : List.of("[00:10.000] rcm-b: slave goes silent for 1 min", "[01:10.000] rcm-b: end of slave goes silent",
                "[01:30.000] rs485-2: bus unplugged for 1 min", "[02:30.000] rcm-b/2: sensor fault short (0xE5E5) for 1 min",
                "[04:00.000] nbiot-1: modem loses network registration for 90 s", "[06:00.000] nbiot-1: modem will drop the next 2 datagram(s)",
                "[06:30.000] door-contact: input chatters every 300 ms for 20 s", "[20:00.000] scenario: soak cycle complete")) {
            assertTrue(log.contains(line), "missing '" + line + "' in:\n" + log);
        }
    }

    private static void at(SimulatedSite site, MutableClock clock, String mmss) {
        String[] p = mmss.split(":");
        Duration target = Duration.ofMinutes(Long.parseLong(p[0])).plusSeconds(Long.parseLong(p[1]));
        while (site.elapsed().compareTo(target) < 0) {
            Duration step = target.minus(site.elapsed());
            clock.advance(step.compareTo(Duration.ofMillis(100)) < 0 ? step : Duration.ofMillis(100));
            site.step();
        }
    }

    @Test
    void a_scenario_event_shows_in_the_registers_the_gateway_reads_over_its_serial_port() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-07-01T08:00:00Z"));
        Scenario scenario = ScenarioParser.parse(SHIPPED.resolve("residential-fire-warning.yaml"));
        try (SimulatedSite site = SimulatedSite.start(scenario, dir.resolve("ports"), clock, new PrintStream(new ByteArrayOutputStream()), false)) {
            SerialPort port = SerialPort.getCommPort(dir.resolve("ports/rs485-1").toString());
            port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 20, 0);
            assertTrue(port.openPort());
            try {
                at(site, clock, "00:25");
                int before = readLoop1(port);
                assertTrue(before > 100 && before < 200, "natural leakage: " + before);
                at(site, clock, "00:31");
                int during = readLoop1(port);
                assertTrue(during > 450, "insulation fault: " + during);
                at(site, clock, "05:31");
                assertTrue(readLoop1(port) < 200, "fault cleared after 5 min");
                assertEquals(GpioBank.Direction.OUTPUT, site.gpio().pinById("siren").direction());
            } finally {
                port.closePort();
            }
        }
    }

    private static int readLoop1(SerialPort port) {
        byte[] request = Crc16.append(new byte[] {1, 3, 0, 0x4A, 0, 1});
        port.flushIOBuffers();
        port.writeBytes(request, request.length);
        byte[] response = new byte[7];
        int got = 0;
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (got < 7 && System.nanoTime() < deadline) {
            byte[] part = new byte[7 - got];
            int n = port.readBytes(part, part.length);
            if (n > 0) {
                System.arraycopy(part, 0, response, got, n);
                got += n;
            }
        }
        assertEquals(7, got);
        assertTrue(Crc16.valid(response, 7));
        return ((response[3] & 0xFF) << 8) | (response[4] & 0xFF);
    }
}
