package dev.vigil.driver.modbus;

/**
 * Character format and speed of a serial line, and the Modbus RTU timing that follows from them
 * (Modbus over Serial Line V1.02, 2.5.1.1): a character is start + data + parity + stop bits, frames
 * are separated by 3.5 character times of silence, fixed at 1.75 ms above 19200 baud.
 */
public record SerialSettings(int baud, int dataBits, Parity parity, int stopBits) {

    public enum Parity { NONE, EVEN, ODD }

    private static final long FIXED_T35_NANOS = 1_750_000L;

    public int bitsPerChar() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    public long charNanos() {
        return bitsPerChar() * 1_000_000_000L / baud;
    }

    /** t3.5: the silence that ends a frame and must precede the next one. */
    public long interFrameNanos() {
        return baud > 19_200 ? FIXED_T35_NANOS : charNanos() * 7 / 2;
    }

    public long wireNanos(int chars) {
        return chars * charNanos();
    }

    /**
     * The most transactions per second the wire allows: request and response characters plus one
     * t3.5 after each, with a slave that answers at once.
     */
    public double wireLimitPerSecond(int requestChars, int responseChars) {
        return 1e9 / (wireNanos(requestChars + responseChars) + 2 * interFrameNanos());
    }

    public String format() {
        return "" + dataBits + parity.name().charAt(0) + stopBits;
    }

    @Override
    public String toString() {
        return baud + " " + format();
    }
}
