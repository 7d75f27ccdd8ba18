package dev.vigil.driver.nbiot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Encodes PSM durations as the 8-bit timer strings AT+CPSMS takes (3GPP TS 24.008): the
 * periodic TAU as GPRS Timer 3 (T3412 extended, 10.5.7.4a) and the active time as GPRS Timer 2
 * (T3324, 10.5.7.3). Bits 8-6 pick a unit, bits 5-1 a count of 0..31; the smallest unit that
 * represents the duration exactly is used.
 */
final class PsmTimers {

    private record Unit(int bits, Duration step) {
    }

    private static final List<Unit> TIMER3 = List.of(
            new Unit(0b011, Duration.ofSeconds(2)), new Unit(0b100, Duration.ofSeconds(30)),
            new Unit(0b101, Duration.ofMinutes(1)), new Unit(0b000, Duration.ofMinutes(10)),
            new Unit(0b001, Duration.ofHours(1)), new Unit(0b010, Duration.ofHours(10)),
            new Unit(0b110, Duration.ofHours(320)));
    private static final List<Unit> TIMER2 = List.of(
            new Unit(0b000, Duration.ofSeconds(2)), new Unit(0b001, Duration.ofMinutes(1)),
            new Unit(0b010, Duration.ofMinutes(6)));

    static final String TAU_EXPECTED = "a multiple of 2s up to 62s, of 30s up to 15m30s, of 1m up to 31m, "
            + "of 10m up to 310m, of 1h up to 31h, of 10h up to 310h, or of 320h up to 9920h";
    static final String ACTIVE_EXPECTED = "a multiple of 2s up to 62s, of 1m up to 31m, or of 6m up to 186m";

    private PsmTimers() {
    }

    static Optional<String> tau(Duration d) {
        return encode(d, TIMER3);
    }

    static Optional<String> activeTime(Duration d) {
        return encode(d, TIMER2);
    }

    private static Optional<String> encode(Duration d, List<Unit> units) {
        if (d.isNegative() || d.isZero()) {
            return Optional.empty();
        }
        long ms = d.toMillis();
        for (Unit u : units) {
            long step = u.step().toMillis();
            if (ms % step == 0 && ms / step <= 31) {
                int value = (u.bits() << 5) | (int) (ms / step);
                String bits = Integer.toBinaryString(value);
                return Optional.of("0".repeat(8 - bits.length()) + bits);
            }
        }
        return Optional.empty();
    }
}
