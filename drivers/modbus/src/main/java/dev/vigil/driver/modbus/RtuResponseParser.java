package dev.vigil.driver.modbus;

/**
 * Decides what the bytes received so far after a request are: not complete yet, a valid answer,
 * an exception answer, a CRC error, or something that cannot be the answer. Total over any input:
 * it never throws and never reads outside {@code length} (fuzzed by {@code RtuResponseParserFuzzTest}).
 */
public final class RtuResponseParser {

    /** What the received bytes are. */
    public sealed interface Result {
    }

    /** More bytes are needed; {@code missing} of them at least. */
    public record Incomplete(int missing) implements Result {
    }

    /** A valid answer: register values for reads, the echoed address/value for writes. */
    public record Answer(int[] registers) implements Result {
    }

    /** The slave refused the request with a Modbus exception code. */
    public record Refused(int exceptionCode) implements Result {
        public String meaning() {
            return switch (exceptionCode) {
                case 1 -> "illegal function";
                case 2 -> "illegal data address";
                case 3 -> "illegal data value";
                case 4 -> "slave device failure";
                case 5 -> "acknowledge";
                case 6 -> "slave device busy";
                default -> "exception " + exceptionCode;
            };
        }
    }

    /** A complete frame whose CRC does not match. */
    public record CrcError(int length) implements Result {
    }

    /** Bytes that cannot be the answer (wrong slave, function, byte count or echo). */
    public record Malformed(String why) implements Result {
    }

    private RtuResponseParser() {
    }

    public static Result parse(RtuRequest request, byte[] buffer, int length) {
        if (length < 0 || length > buffer.length) {
            return new Malformed("length " + length + " outside the buffer");
        }
        if (length < 2) {
            return new Incomplete(Math.max(1, 5 - length));
        }
        int slave = buffer[0] & 0xFF;
        int function = buffer[1] & 0xFF;
        if (slave != request.slave()) {
            return new Malformed("answer from slave " + slave + " to a request for slave " + request.slave());
        }
        if (function == (request.function() | 0x80)) {
            if (length < 5) {
                return new Incomplete(5 - length);
            }
            if (length > 5) {
                return new Malformed("exception answer of " + length + " bytes, 5 expected");
            }
            return Crc16.valid(buffer, 5) ? new Refused(buffer[2] & 0xFF) : new CrcError(5);
        }
        if (function != request.function()) {
            return new Malformed("answer with function " + function + " to function " + request.function());
        }
        int expected = request.responseLength();
        if (request.isRead() && length >= 3 && (buffer[2] & 0xFF) != 2 * request.count()) {
            if (length >= 5 + (buffer[2] & 0xFF) && Crc16.valid(buffer, 5 + (buffer[2] & 0xFF))) {
                return new Malformed("byte count " + (buffer[2] & 0xFF) + ", " + 2 * request.count() + " expected");
            }
            // a corrupted byte count: only the CRC over the expected length can tell
        }
        if (length < expected) {
            return new Incomplete(expected - length);
        }
        if (length > expected) {
            return new Malformed(length + " bytes received, " + expected + " expected");
        }
        if (!Crc16.valid(buffer, expected)) {
            return new CrcError(expected);
        }
        if (request.isRead()) {
            if ((buffer[2] & 0xFF) != 2 * request.count()) {
                return new Malformed("byte count " + (buffer[2] & 0xFF) + ", " + 2 * request.count() + " expected");
            }
            int[] registers = new int[request.count()];
            for (int i = 0; i < registers.length; i++) {
                registers[i] = ((buffer[3 + 2 * i] & 0xFF) << 8) | (buffer[4 + 2 * i] & 0xFF);
            }
            return new Answer(registers);
        }
        int address = ((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF);
        int second = ((buffer[4] & 0xFF) << 8) | (buffer[5] & 0xFF);
        int expectedSecond = request.function() == RtuRequest.WRITE_SINGLE ? request.values()[0] & 0xFFFF : request.count();
        if (address != request.address() || second != expectedSecond) {
            return new Malformed(String.format("write echo 0x%04X/%d does not match 0x%04X/%d", address, second,
                    request.address(), expectedSecond));
        }
        return new Answer(new int[] {second});
    }
}
