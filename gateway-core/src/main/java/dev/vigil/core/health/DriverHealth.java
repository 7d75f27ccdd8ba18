package dev.vigil.core.health;

import java.util.Map;

/**
 * Health of one bus as its driver sees it.
 *
 * @param busId    the bus id from the site file
 * @param driver   the driver type name
 * @param status   the bus state
 * @param counters driver-specific counters (requests, timeouts, crcErrors, ...)
 * @param devices  per-device (slave, pin, modem) state, keyed by a driver-chosen name
 */
public record DriverHealth(String busId, String driver, ComponentStatus status, Map<String, Long> counters,
        Map<String, ComponentStatus> devices) {

    public DriverHealth {
        counters = Map.copyOf(counters);
        devices = Map.copyOf(devices);
    }
}
