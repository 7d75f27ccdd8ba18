package dev.vigil.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One value from one sensor, stamped when the driver acquired it. The acquisition time travels
 * unchanged to the platform; nothing downstream restamps it.
 */
public record Reading(String sensorId, Quantity quantity, double value, String unit, Instant acquiredAt, Quality quality) {

    public Reading {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        unit = unit == null ? quantity.unit() : unit;
        quality = quality == null ? Quality.GOOD : quality;
    }

    public static Reading good(String sensorId, Quantity quantity, double value, Instant acquiredAt) {
        return new Reading(sensorId, quantity, value, quantity.unit(), acquiredAt, Quality.GOOD);
    }
}
