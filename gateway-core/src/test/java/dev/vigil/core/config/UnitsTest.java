package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void durations_in_the_four_units_and_nothing_else() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), Durations.parse("5s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(Optional.of(Duration.ZERO), Durations.parse("0"));
        for (String bad : List.of("5", "5 sec", "1.5s", "-1s", "5S", "1d", "", "s")) {
            assertEquals(Optional.empty(), Durations.parse(bad), bad);
        }
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
    }

    @Test
    void sizes_in_binary_units() {
        assertEquals(Optional.of(64L << 20), ByteSizes.parse("64MiB"));
        assertEquals(Optional.of(512L << 10), ByteSizes.parse("512KiB"));
        assertEquals(Optional.of(1L << 30), ByteSizes.parse("1GiB"));
        assertEquals(Optional.of(4096L), ByteSizes.parse("4096"));
        assertEquals(Optional.empty(), ByteSizes.parse("64MB"));
        assertEquals(Optional.of("64MiB"), ByteSizes.binarySpellingOf("64MB"));
        assertEquals("8MiB", ByteSizes.format(8L << 20));
    }

    @Test
    void near_misses_are_suggested_and_far_ones_are_not() {
        assertEquals(Optional.of("raiseAt"), NearMiss.closest("raise_at", List.of("raiseAt", "clearAt")));
        assertEquals(Optional.of("modbus-rtu"), NearMiss.closest("modbus_rtu", List.of("simulated", "modbus-rtu")));
        assertEquals(Optional.empty(), NearMiss.closest("colour", List.of("raiseAt", "clearAt")));
    }
}
