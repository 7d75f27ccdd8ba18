package dev.vigil.core.model;

/** What condition an alarm stands for. */
public enum AlarmKind {
    /** A value crossed a configured level (threshold with hysteresis). */
    LEVEL,
    /** A value rose faster than allowed per minute. */
    RATE_OF_RISE,
    /** A smoke detector input is active. */
    SMOKE,
    /** No reading within the sensor's expected interval. */
    OFFLINE,
    /** The value has not changed for longer than allowed. */
    STUCK,
    /** The value lies outside what the quantity can physically be. */
    OUT_OF_RANGE,
    /** The device itself reported a fault code. */
    DEVICE_FAULT;

    public boolean isSensorFault() {
        return this == OFFLINE || this == STUCK || this == OUT_OF_RANGE || this == DEVICE_FAULT;
    }
}
