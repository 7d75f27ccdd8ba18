package dev.vigil.driver.modbus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a point's registers encode its number. 32-bit types span two registers in the point's word order. */
public enum DataType {
    U16(1, 0, 0xFFFF),
    S16(1, Short.MIN_VALUE, Short.MAX_VALUE),
    U32(2, 0, 0xFFFF_FFFFL),
    S32(2, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT32(2, 0, 0);

    private final int words;
    private final long min;
    private final long max;

    DataType(int words, long min, long max) {
        this.words = words;
        this.min = min;
        this.max = max;
    }

    public int words() {
        return words;
    }

    public String siteName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DataType> bySiteName(String name) {
        return Arrays.stream(values()).filter(t -> t.siteName().equals(name)).findFirst();
    }

    public static List<String> siteNames() {
        return Arrays.stream(values()).map(DataType::siteName).toList();
    }

    /** The raw registers as an unsigned bit pattern (what fault codes are compared with). */
    long bits(int[] registers, int offset, WordOrder order) {
        if (words == 1) {
            return registers[offset] & 0xFFFFL;
        }
        int first = registers[offset] & 0xFFFF;
        int second = registers[offset + 1] & 0xFFFF;
        return order == WordOrder.HIGH_FIRST ? ((long) first << 16) | second : ((long) second << 16) | first;
    }

    /** The number the bit pattern stands for. */
    double number(long bits) {
        return switch (this) {
            case U16, U32 -> bits;
            case S16 -> (short) bits;
            case S32 -> (int) bits;
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
        };
    }

    /** Registers for {@code raw} (an integer for the integer types, the value itself for float32), or empty if out of range. */
    Optional<int[]> encode(double raw, WordOrder order) {
        long bits;
        if (this == FLOAT32) {
            bits = Float.floatToIntBits((float) raw) & 0xFFFF_FFFFL;
        } else {
            long rounded = Math.round(raw);
            if (rounded < min || rounded > max) {
                return Optional.empty();
            }
            bits = words == 1 ? rounded & 0xFFFF : rounded & 0xFFFF_FFFFL;
        }
        if (words == 1) {
            return Optional.of(new int[] {(int) bits});
        }
        int high = (int) (bits >>> 16);
        int low = (int) (bits & 0xFFFF);
        return Optional.of(order == WordOrder.HIGH_FIRST ? new int[] {high, low} : new int[] {low, high});
    }

    /** Order of the two registers of a 32-bit value. */
    public enum WordOrder {
        /** First register holds the high word ("ABCD", Modbus big-endian). */
        HIGH_FIRST,
        /** First register holds the low word ("CDAB", word-swapped, common on meters). */
        LOW_FIRST
    }
}
