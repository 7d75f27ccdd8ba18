package dev.vigil.sim.modbus;

import static dev.vigil.sim.modbus.JSerialCommMaster.readHolding;
import static dev.vigil.sim.modbus.JSerialCommMaster.u16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sim.device.CurrentTransducer;
import dev.vigil.sim.device.LoopFault;
import dev.vigil.sim.device.PressureLevelTransmitter;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.device.UltrasonicLevelMeter;
import dev.vigil.sim.pty.PseudoTerminal;
import dev.vigil.sim.pty.SerialPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four slaves on one simulated RS-485 port, driven by jSerialComm exactly as the gateway opens a port. */
class RtuBusTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long SILENCE_MILLIS = 250;

    @TempDir
    static Path nativeDir;
    @TempDir
    Path portDir;

    private RtuBus bus;
    private JSerialCommMaster master;
    private final ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm-3f", 1, Duration.ofMillis(2));
    private final PressureLevelTransmitter level = new PressureLevelTransmitter("pit", 2, Duration.ofMillis(2), 9600);
    private final UltrasonicLevelMeter sonar = new UltrasonicLevelMeter("road", 3, Duration.ofMillis(2), 3000);
    private final CurrentTransducer ct = new CurrentTransducer("ct-3f", 4, Duration.ofMillis(2), 100);
    private final List<BusEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void nativeLibs() {
        SerialPorts.useLibraryDir(nativeDir);
    }

    @BeforeEach
    void wireUp() throws Exception {
        rcm.setSource(1, () -> 180);
        level.setSource(() -> 42.0);
        sonar.setSource(() -> 12.0);
        ct.setSource(2, () -> 16.4);
        bus = new RtuBus("rs485-1", PseudoTerminal.open(portDir.resolve("rs485-1")), SerialFraming.of(9600, "8E1"), new Random(7))
                .attach(rcm).attach(level).attach(sonar).attach(ct);
        bus.addObserver(events::add);
        bus.start();
        master = new JSerialCommMaster(bus.port().link(), 9600);
    }

    @AfterEach
    void tearDown() {
        master.close();
        bus.close();
    }

    @Test
    void every_slave_on_the_port_answers_its_own_registers_with_a_valid_crc() {
        byte[] r = master.request(readHolding(1, 0x004A, 2), 9, 1000);
        assertValidFrame(r, 9);
        assertEquals(180, u16(r, 3));
        assertEquals(250, u16(r, 5));

        r = master.request(readHolding(2, 0x0002, 3), 11, 1000);
        assertValidFrame(r, 11);
        assertEquals(7, u16(r, 3));
        assertEquals(3, u16(r, 5));
        assertEquals(420, u16(r, 7), "42 cm = 0.420 mH2O");

        r = master.request(readHolding(3, 0, 1), 7, 1000);
        assertEquals(2880, u16(r, 3), "3000 mm mount - 120 mm water");

        r = master.request(new byte[] {4, 4, 0, 1, 0, 1}, 7, 1000);
        assertValidFrame(r, 7);
        assertEquals(1640, u16(r, 3));
    }

    @Test
    void exception_responses_travel_on_the_wire() {
        byte[] r = master.request(new byte[] {1, 0x2B, 0x0E, 1, 0}, 5, 1000);
        assertArrayEquals(Crc16.append(new byte[] {1, (byte) 0xAB, 1}), r, "illegal function");
        r = master.request(readHolding(2, 0x0100, 1), 5, 1000);
        assertArrayEquals(Crc16.append(new byte[] {2, (byte) 0x83, 2}), r, "illegal data address");
    }

    @Test
    void nobody_answers_another_address_or_a_request_with_a_bad_crc() {
        assertEquals(0, master.request(readHolding(9, 0, 1), 1, SILENCE_MILLIS).length);
        byte[] corrupt = Crc16.append(readHolding(1, 0x004A, 1));
        corrupt[7] ^= 0x01;
        assertEquals(0, master.exchange(corrupt, 1, SILENCE_MILLIS).length);
        assertEquals(BusEvent.Outcome.NO_SUCH_SLAVE, events.get(0).outcome());
        assertEquals(BusEvent.Outcome.CORRUPT_REQUEST, events.get(1).outcome());
        assertEquals("CRC mismatch", events.get(1).detail());
    }

    @Test
    void broadcast_writes_are_executed_and_never_answered() {
        assertEquals(0, master.request(new byte[] {0, 6, 0, 0x56, 0x01, (byte) 0xF4}, 1, SILENCE_MILLIS).length);
        assertEquals(500, rcm.readHolding(0x0056));
    }

    @Test
    void injected_slave_faults_show_on_the_wire_and_the_other_slaves_keep_answering() {
        rcm.setBehaviour(SlaveBehaviour.SILENT);
        assertEquals(0, master.request(readHolding(1, 0x004A, 1), 1, SILENCE_MILLIS).length);
        assertValidFrame(master.request(readHolding(2, 4, 1), 7, 1000), 7);

        rcm.setBehaviour(SlaveBehaviour.late(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        byte[] late = master.request(readHolding(1, 0x004A, 1), 7, 2000);
        assertValidFrame(late, 7);
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "answered only after the injected delay");

        rcm.setBehaviour(SlaveBehaviour.BAD_CRC);
        byte[] bad = master.request(readHolding(1, 0x004A, 1), 7, 1000);
        assertEquals(7, bad.length);
        assertFalse(Crc16.valid(bad, bad.length));

        rcm.setBehaviour(SlaveBehaviour.GARBAGE);
        byte[] garbage = master.request(readHolding(1, 0x004A, 1), 64, SILENCE_MILLIS);
        assertTrue(garbage.length >= 3);
        assertFalse(Crc16.valid(garbage, garbage.length) && garbage[0] == 1 && garbage[1] == 3);

        rcm.setBehaviour(SlaveBehaviour.NORMAL);
        assertValidFrame(master.request(readHolding(1, 0x004A, 1), 7, 1000), 7);
    }

    @Test
    void an_unplugged_bus_is_silent_until_plugged_back() {
        bus.setUnplugged(true);
        assertEquals(0, master.request(readHolding(2, 4, 1), 1, SILENCE_MILLIS).length);
        bus.setUnplugged(false);
        assertValidFrame(master.request(readHolding(2, 4, 1), 7, 1000), 7);
        assertTrue(events.stream().anyMatch(e -> e.outcome() == BusEvent.Outcome.UNPLUGGED));
    }

    @Test
    void a_gateway_opening_the_port_at_the_wrong_baud_rate_gets_no_answer_and_the_event_says_why() {
        master.close();
        try (JSerialCommMaster wrong = new JSerialCommMaster(bus.port().link(), 19200)) {
            assertEquals(0, wrong.request(readHolding(2, 4, 1), 1, SILENCE_MILLIS).length);
        }
        assertEquals("gateway port set to 19200 baud but the bus runs 9600 8E1: slaves see garbage", events.get(events.size() - 1).detail());
        master = new JSerialCommMaster(bus.port().link(), 9600);
        assertValidFrame(master.request(readHolding(2, 4, 1), 7, 1000), 7);
    }

    @Test
    void a_device_fault_code_is_read_like_any_value() {
        rcm.setFault(1, LoopFault.OPEN);
        byte[] r = master.request(readHolding(1, 0x000C, 1), 7, 1000);
        assertEquals(0x0001, u16(r, 3), "loop 1 fault bit");
        r = master.request(readHolding(1, 0x004A, 1), 7, 1000);
        assertEquals(0xFAFA, u16(r, 3));
    }

    private static void assertValidFrame(byte[] frame, int length) {
        assertEquals(length, frame.length, () -> "got " + HEX.formatHex(frame));
        assertTrue(Crc16.valid(frame, frame.length), () -> "bad CRC in " + HEX.formatHex(frame));
    }
}
