package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the RTU answer parser with arbitrary bytes after an arbitrary valid request. Without
 * JAZZER_FUZZ set, this runs the corpus in {@code RtuResponseParserFuzzTestInputs/} as an ordinary
 * test; {@code JAZZER_FUZZ=1 ./mvnw -pl drivers/modbus test -Dtest=RtuResponseParserFuzzTest} fuzzes.
 */
class RtuResponseParserFuzzTest {

    private static final int[] FUNCTIONS = {3, 4, 6, 16};

    @FuzzTest(maxDuration = "90s")
    void parse_is_total(FuzzedDataProvider data) {
        int slave = data.consumeInt(1, 247);
        int function = FUNCTIONS[data.consumeInt(0, 3)];
        int count = function == 6 ? 1 : data.consumeInt(1, function == 16 ? 123 : 125);
        int address = data.consumeInt(0, 0x10000 - count);
        int[] values = new int[function == 3 || function == 4 ? 0 : count];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.consumeInt(0, 0xFFFF);
        }
        RtuRequest request = new RtuRequest(slave, function, address, count, values);
        byte[] bytes = data.consumeRemainingAsBytes();

        for (int length = 0; length <= bytes.length; length++) {
            RtuResponseParser.Result r = RtuResponseParser.parse(request, bytes, length);
            if (r instanceof RtuResponseParser.Answer a) {
                assertTrue(Crc16.valid(bytes, length), "an answer always has a valid CRC");
                assertEquals(request.isRead() ? count : 1, a.registers().length);
            }
            if (r instanceof RtuResponseParser.Incomplete i) {
                assertTrue(i.missing() > 0);
            }
        }
        // a well-formed answer to the same request is always recognised
        if (request.isRead()) {
            byte[] body = new byte[3 + 2 * count];
            body[0] = (byte) slave;
            body[1] = (byte) function;
            body[2] = (byte) (2 * count);
            for (int i = 3; i < body.length && i - 3 < bytes.length; i++) {
                body[i] = bytes[i - 3];
            }
            byte[] frame = Crc16.append(body);
            RtuResponseParser.Result r = RtuResponseParser.parse(request, frame, frame.length);
            assertTrue(r instanceof RtuResponseParser.Answer, r.toString());
            int[] regs = ((RtuResponseParser.Answer) r).registers();
            int[] expected = new int[count];
            for (int i = 0; i < count; i++) {
                expected[i] = ((body[3 + 2 * i] & 0xFF) << 8) | (body[4 + 2 * i] & 0xFF);
            }
            assertArrayEquals(expected, regs);
        }
    }
}
