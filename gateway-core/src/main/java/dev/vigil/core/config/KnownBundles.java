package dev.vigil.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which bundle provides which driver or uplink type, so a missing one can be named to the installer. */
public final class KnownBundles {

    private static final Map<String, String> DRIVERS = new LinkedHashMap<>();
    private static final Map<String, String> UPLINKS = new LinkedHashMap<>();

    static {
        DRIVERS.put("simulated", "dev.vigil.vigil-driver-simulated");
        DRIVERS.put("modbus-rtu", "dev.vigil.vigil-driver-modbus");
        DRIVERS.put("gpio", "dev.vigil.vigil-driver-gpio");
        DRIVERS.put("nbiot", "dev.vigil.vigil-driver-nbiot");
        UPLINKS.put("mqtt", "dev.vigil.vigil-uplink-mqtt");
        UPLINKS.put("coap", "dev.vigil.vigil-uplink-coap");
    }

    private KnownBundles() {
    }

    public static Optional<String> forDriver(String type) {
        return Optional.ofNullable(DRIVERS.get(type));
    }

    public static Optional<String> forUplink(String type) {
        return Optional.ofNullable(UPLINKS.get(type));
    }

    public static Map<String, String> drivers() {
        return Map.copyOf(DRIVERS);
    }

    public static Map<String, String> uplinks() {
        return Map.copyOf(UPLINKS);
    }

    static java.util.List<String> driverTypes() {
        return java.util.List.copyOf(DRIVERS.keySet());
    }

    static java.util.List<String> uplinkTypes() {
        return java.util.List.copyOf(UPLINKS.keySet());
    }
}
