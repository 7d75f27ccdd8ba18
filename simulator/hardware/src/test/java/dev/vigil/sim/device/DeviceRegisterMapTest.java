package dev.vigil.sim.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Protocol behaviour of the device models, at the PDU level (no wire). */
class DeviceRegisterMapTest {
    private static final HexFormat HEX = HexFormat.of();

    private final ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm-1", 1, Duration.ZERO);

    @Test
    void aim_r100_reports_loop_values_state_bits_and_fault_codes() {
        rcm.setSource(1, () -> 512.4);
        rcm.setSource(2, () -> 61.25);
        rcm.setSource(3, () -> -5.0);
        // loop values: 512 mA, 61.3 degC -> 613 (0x0265), -5.0 degC -> -50 (0xFFCE), 25.0 -> 250 (0x00FA)
        assertEquals("03080200" + "0265" + "ffce" + "00fa", hex(rcm.handle(HEX.parseHex("03004a0004"))));
        assertEquals(0x0001, rcm.readHolding(ResidualCurrentMonitor.REG_ALARM_BITS), "loop 1 over its 300 mA alarm value");
        assertEquals(0, rcm.readHolding(0x004E), "loop 5 is unused");

        rcm.setFault(2, LoopFault.SHORT);
        rcm.setFault(4, LoopFault.OPEN);
        assertEquals(0xE5E5, rcm.readHolding(0x004B));
        assertEquals(0xFAFA, rcm.readHolding(0x004D));
        assertEquals(0x0001, rcm.readHolding(ResidualCurrentMonitor.REG_ALARM_BITS));
        assertEquals(0x000A, rcm.readHolding(ResidualCurrentMonitor.REG_FAULT_BITS));
        // FC04 serves the same map
        assertEquals("0402e5e5", hex(rcm.handle(HEX.parseHex("04004b0001"))));
    }

    @Test
    void alarm_values_are_writable_within_the_device_range_with_fc06_and_fc16() {
        assertEquals("0600560190", hex(rcm.handle(HEX.parseHex("0600560190")))); // 400 mA, echoed
        assertEquals(400, rcm.readHolding(0x0056));
        assertEquals("8603", hex(rcm.handle(HEX.parseHex("06005607d0"))), "2000 mA is over the 1000 mA range");
        assertEquals("1000570002", hex(rcm.handle(HEX.parseHex("100057000204" + "02bc" + "02ee"))));
        assertEquals(700, rcm.readHolding(0x0057));
        assertEquals(750, rcm.readHolding(0x0058));
    }

    @Test
    void exception_responses_for_bad_function_address_count_and_read_only_registers() {
        assertEquals("8501", hex(rcm.handle(HEX.parseHex("05000bff00"))), "FC05 is not supported");
        assertEquals("8302", hex(rcm.handle(HEX.parseHex("03005e0005"))), "0x0062 is past the map");
        assertEquals("8302", hex(rcm.handle(HEX.parseHex("03000a0002"))), "0x000A is a gap");
        assertEquals("8302", hex(rcm.handle(HEX.parseHex("0300200001"))), "0x0020 is not in the map");
        assertEquals("8303", hex(rcm.handle(HEX.parseHex("03004a0000"))), "count 0");
        assertEquals("8303", hex(rcm.handle(HEX.parseHex("03004a007e"))), "count 126");
        assertEquals("8602", hex(rcm.handle(HEX.parseHex("06004a0001"))), "a measured value is read-only");
        assertEquals("9002", hex(rcm.handle(HEX.parseHex("10004a0001020001"))));
        assertEquals("9003", hex(rcm.handle(HEX.parseHex("100056000203000100"))), "byte count disagrees with quantity");
    }

    @Test
    void a_stuck_sensor_keeps_reporting_the_value_it_had_when_it_stuck() {
        double[] current = {150};
        rcm.setSource(1, () -> current[0]);
        rcm.setStuck(true);
        current[0] = 900;
        assertEquals(150, rcm.readHolding(0x004A));
        assertEquals(0, rcm.readHolding(ResidualCurrentMonitor.REG_ALARM_BITS), "the frozen state bits agree");
        rcm.setStuck(false);
        assertEquals(900, rcm.readHolding(0x004A));
    }

    @Test
    void pressure_transmitter_scales_depth_by_its_decimals_and_unit_registers() {
        PressureLevelTransmitter level = new PressureLevelTransmitter("lvl", 2, Duration.ZERO, 9600);
        level.setSource(() -> 12.34); // cm
        // unit 7 (mH2O), 3 decimals, value 123 -> 0.123 m
        assertEquals("030600070003007b", hex(level.handle(HEX.parseHex("0300020003"))));
        level.setSource(() -> -0.5);
        assertEquals(0xFFFB, level.readHolding(PressureLevelTransmitter.REG_VALUE), "int16 below zero when the sensor sits dry");
        assertEquals("0302" + "0003", hex(level.handle(HEX.parseHex("0300010001"))), "baud code 3 = 9600");
    }

    @Test
    void ultrasonic_meter_reports_distance_to_the_surface_and_no_echo() {
        UltrasonicLevelMeter meter = new UltrasonicLevelMeter("us", 3, Duration.ZERO, 3000);
        meter.setSource(() -> 25.0); // 250 mm of water under a 3 m mount -> 2750 mm distance
        assertArrayEquals(HEX.parseHex("03020abe"), meter.handle(HEX.parseHex("0300000001")));
        meter.setNoEcho(true);
        assertEquals(UltrasonicLevelMeter.NO_ECHO, meter.readHolding(0));
    }

    @Test
    void current_transducer_and_address_register_moves_the_slave() {
        CurrentTransducer ct = new CurrentTransducer("ct", 4, Duration.ZERO, 100);
        ct.setSource(1, () -> 12.5);
        ct.setSource(3, () -> 31.07);
        assertEquals("040804e200000c230064", hex(ct.handle(HEX.parseHex("0400000004"))));
        assertEquals("0600100009", hex(ct.handle(HEX.parseHex("0600100009"))));
        assertEquals(9, ct.address());
        assertEquals("8603", hex(ct.handle(HEX.parseHex("06001000f8"))), "248 is not a slave address");
        assertTrue(ct.toString().contains("@9"));
        assertFalse(ct.isStuck());
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
