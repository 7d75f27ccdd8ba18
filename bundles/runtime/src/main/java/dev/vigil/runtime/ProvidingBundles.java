package dev.vigil.runtime;

import java.util.Map;

/** Which bundle provides each driver and uplink type, so a missing one can be named to the installer. */
final class ProvidingBundles {

    private static final Map<String, String> DRIVERS = Map.of(
            "simulated", "dev.vigil.vigil-driver-simulated",
            "modbus-rtu", "dev.vigil.vigil-driver-modbus",
            "gpio", "dev.vigil.vigil-driver-gpio",
            "nbiot", "dev.vigil.vigil-driver-nbiot");

    private static final Map<String, String> UPLINKS = Map.of(
            "mqtt", "dev.vigil.vigil-uplink-mqtt",
            "coap", "dev.vigil.vigil-uplink-coap");

    private ProvidingBundles() {
    }

    static String forDriver(String type) {
        return DRIVERS.getOrDefault(type, "a bundle that registers a DriverFactory of type '" + type + "'");
    }

    static String forUplink(String type) {
        return UPLINKS.getOrDefault(type, "a bundle that registers an UplinkFactory of type '" + type + "'");
    }
}
