package dev.vigil.sim.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Crc16Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matches_the_reference_frames_from_the_modbus_specification_and_the_check_value() {
        // the classic "read 10 holding registers" frame
        assertArrayEquals(HEX.parseHex("01030000000AC5CD"), Crc16.append(HEX.parseHex("01030000000A")));
        // CRC-16/MODBUS check value over "123456789" is 0x4B37
        assertEquals(0x4B37, Crc16.of("123456789".getBytes(), 0, 9));
    }

    @Test
    void valid_rejects_a_single_flipped_bit() {
        byte[] frame = HEX.parseHex("01030000000AC5CD");
        assertTrue(Crc16.valid(frame, frame.length));
        frame[3] ^= 0x01;
        assertFalse(Crc16.valid(frame, frame.length));
    }
}
