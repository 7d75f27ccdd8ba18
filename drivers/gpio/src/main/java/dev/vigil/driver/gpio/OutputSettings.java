package dev.vigil.driver.gpio;

import dev.vigil.core.config.SourceRef;

/**
 * One output declared under the bus's {@code outputs:}.
 *
 * @param id         the output id actions name, e.g. "siren-1"
 * @param pin        BCM number
 * @param activeHigh whether "on" drives the pin high (false for active-low relay boards)
 * @param where      where it is declared
 */
public record OutputSettings(String id, int pin, boolean activeHigh, SourceRef where) {
}
