package dev.vigil.runtime;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.KnownBundles;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.config.UplinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A driver or uplink type the site file uses that no installed bundle provides.
 *
 * @param kind   "driver" or "uplink"
 * @param type   the type name, e.g. "modbus-rtu"
 * @param usedBy what uses it, e.g. "bus 'rs485-1'"
 * @param where  where it is used in the site file
 * @param bundle the bundle to install
 */
record MissingType(String kind, String type, String usedBy, SourceRef where, String bundle) {

    static List<MissingType> in(SiteConfig config, Set<String> driverTypes, Set<String> uplinkTypes) {
        List<MissingType> missing = new ArrayList<>();
        for (BusConfig bus : config.buses()) {
            if (!driverTypes.contains(bus.driver())) {
                missing.add(new MissingType("driver", bus.driver(), "bus '" + bus.id() + "'", bus.where(),
                        KnownBundles.forDriver(bus.driver()).orElse("a bundle that registers a DriverFactory of type '" + bus.driver() + "'")));
            }
        }
        for (UplinkConfig uplink : config.uplinks()) {
            if (!uplinkTypes.contains(uplink.type())) {
                missing.add(new MissingType("uplink", uplink.type(), "uplink '" + uplink.id() + "'", uplink.where(),
                        KnownBundles.forUplink(uplink.type()).orElse("a bundle that registers an UplinkFactory of type '" + uplink.type() + "'")));
            }
        }
        return missing;
    }

    @Override
    public String toString() {
        return where + ": " + usedBy + " uses " + kind + " type '" + type
                + "', but no installed bundle provides it; install " + bundle;
    }
}
