package dev.vigil.driver.simulated;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Registers the simulated driver factory in OSGi; all behaviour is in {@link SimulatedDriverFactory}. */
@Component(service = DriverFactory.class, property = "vigil.driver.type=" + SimulatedDriverFactory.TYPE)
public final class SimulatedDriverComponent implements DriverFactory {

    private final SimulatedDriverFactory factory = new SimulatedDriverFactory();

    @Override
    public String type() {
        return factory.type();
    }

    @Override
    public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
        return factory.validate(bus, sensors);
    }

    @Override
    public Driver create(BusConfig bus, List<SensorConfig> sensors) {
        return factory.create(bus, sensors);
    }
}
