package dev.vigil.core.config;

import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Hand-written factories standing in for the driver and uplink bundles. */
final class Fakes {

    private Fakes() {
    }

    static final class FakeDriverFactory implements DriverFactory {
        final String type;
        final BiFunction<BusConfig, List<SensorConfig>, List<ConfigProblem>> check;
        final List<List<SensorConfig>> sensorsSeen = new ArrayList<>();

        FakeDriverFactory(String type, BiFunction<BusConfig, List<SensorConfig>, List<ConfigProblem>> check) {
            this.type = type;
            this.check = check;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
            sensorsSeen.add(sensors);
            return check.apply(bus, sensors);
        }

        @Override
        public Driver create(BusConfig bus, List<SensorConfig> sensors) {
            throw new UnsupportedOperationException("validation only");
        }
    }

    static final class FakeUplinkFactory implements UplinkFactory {
        final String type;
        final Function<UplinkConfig, List<ConfigProblem>> check;

        FakeUplinkFactory(String type, Function<UplinkConfig, List<ConfigProblem>> check) {
            this.type = type;
            this.check = check;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public List<ConfigProblem> validate(UplinkConfig config) {
            return check.apply(config);
        }

        @Override
        public Uplink create(UplinkConfig config, String gatewayId) {
            throw new UnsupportedOperationException("validation only");
        }
    }

    /** Drivers "simulated" and "modbus-rtu" and uplink "mqtt" that accept everything. */
    static Map<String, DriverFactory> acceptingDrivers() {
        return Map.of("simulated", new FakeDriverFactory("simulated", (b, s) -> List.of()),
                "modbus-rtu", new FakeDriverFactory("modbus-rtu", (b, s) -> List.of()));
    }

    static Map<String, UplinkFactory> acceptingUplinks() {
        return Map.of("mqtt", new FakeUplinkFactory("mqtt", u -> List.of()));
    }
}
