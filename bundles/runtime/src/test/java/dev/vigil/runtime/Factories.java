package dev.vigil.runtime;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.util.List;

/** Factories that only answer to their type and refuse options flagged "bad"; the fake engine never builds with them. */
final class Factories {

    private Factories() {
    }

    static DriverFactory driver(String type) {
        return new DriverFactory() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
                return Boolean.TRUE.equals(bus.options().get("bad"))
                        ? List.of(new ConfigProblem(bus.where(), "bus '" + bus.id() + "': bad option"))
                        : List.of();
            }

            @Override
            public Driver create(BusConfig bus, List<SensorConfig> sensors) {
                throw new UnsupportedOperationException("the fake engine does not build drivers");
            }
        };
    }

    static UplinkFactory uplink(String type) {
        return new UplinkFactory() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public List<ConfigProblem> validate(UplinkConfig config) {
                return List.of();
            }

            @Override
            public Uplink create(UplinkConfig config, String gatewayId) {
                throw new UnsupportedOperationException("the fake engine does not build uplinks");
            }
        };
    }
}
