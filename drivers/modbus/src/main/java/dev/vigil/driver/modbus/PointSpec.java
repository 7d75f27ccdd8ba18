package dev.vigil.driver.modbus;

import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.Quantity;
import java.util.Map;
import java.util.Optional;

/**
 * One value a device profile describes: where it is, how it is encoded and what it means.
 *
 * @param name             the point's name in its profile, e.g. "loop1.current"
 * @param register         first register (PDU address)
 * @param function         3 (holding) or 4 (input) for reading
 * @param type             encoding
 * @param wordOrder        order of the words of a 32-bit type
 * @param scale            engineering value = raw x scale / 10^decimals
 * @param decimals         fixed decimals, or null
 * @param decimalsRegister register holding the decimals (read with the value), or null
 * @param bit              bit 0..15 for a single-bit point, or null
 * @param subtractFrom     name of a sensor address parameter the value is subtracted from
 *                         (e.g. the mounting height of a level meter), or null
 * @param unit             unit of the engineering value
 * @param quantity         what the value measures, or null for a setting
 * @param writable         whether the installer may write it
 * @param min              smallest value a write may set, or null
 * @param max              largest value a write may set, or null
 * @param faultCodes       raw values the device reports instead of a measurement, with their meaning
 * @param where            where the point is written in its profile
 */
public record PointSpec(String name, int register, int function, DataType type, DataType.WordOrder wordOrder,
        double scale, Integer decimals, Integer decimalsRegister, Integer bit, String subtractFrom, String unit,
        Quantity quantity, boolean writable, Double min, Double max, Map<Long, String> faultCodes, SourceRef where) {

    public PointSpec {
        faultCodes = Map.copyOf(faultCodes);
    }

    /** First register that must be read to decode the point. */
    public int spanStart() {
        return decimalsRegister == null ? register : Math.min(register, decimalsRegister);
    }

    /** Last register that must be read to decode the point. */
    public int spanEnd() {
        int last = register + type.words() - 1;
        return decimalsRegister == null ? last : Math.max(last, decimalsRegister);
    }

    /** What decoding {@code registers} (the block starting at {@code blockStart}) gives. */
    public Decoded decode(int[] registers, int blockStart, Map<String, Double> parameters) {
        long bits = type.bits(registers, register - blockStart, wordOrder);
        String fault = faultCodes.get(bits);
        if (fault != null) {
            return new Decoded(Double.NaN, Optional.of((int) bits), fault);
        }
        double value;
        if (bit != null) {
            value = (bits >>> bit) & 1;
        } else {
            int places = decimals != null ? decimals : 0;
            if (decimalsRegister != null) {
                places = registers[decimalsRegister - blockStart];
                if (places > 9) {
                    return new Decoded(Double.NaN, Optional.empty(),
                            "decimals register 0x" + Integer.toHexString(decimalsRegister) + " reads " + places + ", at most 9 expected");
                }
            }
            value = type.number(bits) * scale / Math.pow(10, places);
        }
        if (subtractFrom != null) {
            value = parameters.get(subtractFrom) - value;
        }
        return new Decoded(value, Optional.empty(), null);
    }

    /**
     * @param value     engineering value, NaN for a fault
     * @param faultCode the device fault code, when the device reported one
     * @param problem   the fault's meaning or why the value could not be decoded, null when fine
     */
    public record Decoded(double value, Optional<Integer> faultCode, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }
}
