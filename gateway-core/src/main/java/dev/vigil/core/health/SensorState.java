package dev.vigil.core.health;

/** What maintenance staff need to know about a sensor at a glance. */
public enum SensorState {
    /** No reading yet since start. */
    UNKNOWN,
    /** Delivering trustworthy readings. */
    OK,
    /** No reading within its offline time. */
    OFFLINE,
    /** Delivering, but stuck, out of range, reporting a device fault or BAD readings. */
    FAULT
}
