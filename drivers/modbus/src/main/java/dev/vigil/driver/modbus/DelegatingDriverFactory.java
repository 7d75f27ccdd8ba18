package dev.vigil.driver.modbus;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import java.util.List;

/** A driver factory that hands every call to another, so the DS component stays a one-liner. */
abstract class DelegatingDriverFactory implements DriverFactory {

    private final DriverFactory target;

    DelegatingDriverFactory(DriverFactory target) {
        this.target = target;
    }

    @Override
    public String type() {
        return target.type();
    }

    @Override
    public List<ConfigProblem> validate(BusConfig bus, List<dev.vigil.core.config.SensorConfig> sensors) {
        return target.validate(bus, sensors);
    }

    @Override
    public Driver create(BusConfig bus, List<dev.vigil.core.config.SensorConfig> sensors) {
        return target.create(bus, sensors);
    }
}
