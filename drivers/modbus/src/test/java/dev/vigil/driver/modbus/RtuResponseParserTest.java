package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtuResponseParserTest {

    private static final RtuRequest READ = RtuRequest.read(3, 3, 0x004A, 2);

    private static byte[] frame(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Crc16.append(b);
    }

    private static RtuResponseParser.Result parse(RtuRequest r, byte[] b) {
        return RtuResponseParser.parse(r, b, b.length);
    }

    @Test
    void request_frame_matches_the_spec_example() {
        // Modbus over serial line V1.02 CRC example: 01 03 00 00 00 0A -> C5 CD
        byte[] f = RtuRequest.read(1, 3, 0, 10).encode();
        assertArrayEquals(new byte[] {1, 3, 0, 0, 0, 10, (byte) 0xC5, (byte) 0xCD}, f);
    }

    @Test
    void a_complete_answer_gives_the_registers() {
        RtuResponseParser.Answer a = assertInstanceOf(RtuResponseParser.Answer.class,
                parse(READ, frame(3, 3, 4, 0x01, 0x59, 0xE5, 0xE5)));
        assertArrayEquals(new int[] {345, 0xE5E5}, a.registers());
    }

    @Test
    void a_partial_answer_asks_for_the_missing_bytes() {
        byte[] f = frame(3, 3, 4, 0x01, 0x59, 0, 0);
        assertEquals(new RtuResponseParser.Incomplete(4), parse(READ, Arrays.copyOf(f, 5)));
        assertInstanceOf(RtuResponseParser.Incomplete.class, parse(READ, Arrays.copyOf(f, 1)));
    }

    @Test
    void an_exception_answer_carries_its_code() {
        RtuResponseParser.Refused r = assertInstanceOf(RtuResponseParser.Refused.class, parse(READ, frame(3, 0x83, 2)));
        assertEquals("illegal data address", r.meaning());
    }

    @Test
    void a_flipped_bit_is_a_crc_error_and_a_stranger_is_malformed() {
        byte[] f = frame(3, 3, 4, 0x01, 0x59, 0, 0);
        f[4] ^= 1;
        assertInstanceOf(RtuResponseParser.CrcError.class, parse(READ, f));
        assertInstanceOf(RtuResponseParser.Malformed.class, parse(READ, frame(4, 3, 4, 0, 0, 0, 0)));
        assertInstanceOf(RtuResponseParser.Malformed.class, parse(READ, frame(3, 4, 4, 0, 0, 0, 0)));
        assertInstanceOf(RtuResponseParser.Malformed.class, parse(READ, frame(3, 3, 2, 0, 0)));
    }

    @Test
    void a_write_is_confirmed_by_its_echo() {
        RtuRequest w = RtuRequest.write(1, 0x56, new int[] {400});
        assertInstanceOf(RtuResponseParser.Answer.class, parse(w, frame(1, 6, 0, 0x56, 0x01, 0x90)));
        assertInstanceOf(RtuResponseParser.Malformed.class, parse(w, frame(1, 6, 0, 0x56, 0x01, 0x91)));
        RtuRequest multi = RtuRequest.write(1, 0x100, new int[] {1, 2});
        assertEquals(RtuRequest.WRITE_MULTIPLE, multi.function());
        assertInstanceOf(RtuResponseParser.Answer.class, parse(multi, frame(1, 0x10, 1, 0, 0, 2)));
    }
}
