package dev.vigil.sim.modbus;

import java.util.Locale;

/**
 * Character framing of a serial line and the Modbus RTU timing derived from it (Modbus over Serial
 * Line V1.02, 2.5.1.1): a character is start + data + parity + stop bits (11 for the spec's 8E1,
 * 8O1 and 8N2; 10 for the common but non-compliant 8N1); frames are separated by 3.5 character
 * times of silence and characters within a frame by at most 1.5, both fixed at 1.75 ms and
 * 0.75 ms above 19200 baud.
 */
public record SerialFraming(int baud, int dataBits, Parity parity, int stopBits) {

    public enum Parity { NONE, EVEN, ODD }

    private static final long FIXED_T35_NANOS = 1_750_000L;
    private static final long FIXED_T15_NANOS = 750_000L;

    public SerialFraming {
        if (baud < 300 || baud > 921_600) {
            throw new IllegalArgumentException("baud " + baud + " is outside 300..921600");
        }
        if (dataBits != 7 && dataBits != 8) {
            throw new IllegalArgumentException("data bits must be 7 or 8, got " + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits must be 1 or 2, got " + stopBits);
        }
    }

    /** Parses "8E1", "8N1", "8N2", "8O1". */
    public static SerialFraming of(int baud, String format) {
        String f = format.trim().toUpperCase(Locale.ROOT);
        if (f.length() != 3) {
            throw new IllegalArgumentException("serial format '" + format + "' should look like 8E1, 8N1, 8O1 or 8N2");
        }
        Parity parity = switch (f.charAt(1)) {
            case 'N' -> Parity.NONE;
            case 'E' -> Parity.EVEN;
            case 'O' -> Parity.ODD;
            default -> throw new IllegalArgumentException("serial format '" + format + "': parity must be N, E or O");
        };
        return new SerialFraming(baud, f.charAt(0) - '0', parity, f.charAt(2) - '0');
    }

    public int bitsPerChar() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /** Time one character occupies the wire. */
    public long charNanos() {
        return bitsPerChar() * 1_000_000_000L / baud;
    }

    /** t3.5: the silence that ends a frame. */
    public long interFrameNanos() {
        return baud > 19_200 ? FIXED_T35_NANOS : charNanos() * 7 / 2;
    }

    /** t1.5: the longest gap allowed between two characters of one frame. */
    public long interCharNanos() {
        return baud > 19_200 ? FIXED_T15_NANOS : charNanos() * 3 / 2;
    }

    /** Wire time of {@code chars} characters sent back to back. */
    public long wireNanos(int chars) {
        return chars * charNanos();
    }

    public String format() {
        return "" + dataBits + parity.name().charAt(0) + stopBits;
    }

    @Override
    public String toString() {
        return baud + " " + format();
    }
}
