package dev.vigil.core.config;

/**
 * One southbound bus or port, served by the driver named in {@code driver} (e.g. "modbus-rtu",
 * "gpio", "simulated"); its options belong to that driver.
 */
public record BusConfig(String id, String driver, Options options, SourceRef where) {
}
