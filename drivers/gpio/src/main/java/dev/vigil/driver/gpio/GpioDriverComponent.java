package dev.vigil.driver.gpio;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Registers the gpio driver factory in OSGi; all the work is in {@link GpioDriverFactory}. */
@Component(service = DriverFactory.class, property = "vigil.driver.type=" + GpioDriverFactory.TYPE)
public final class GpioDriverComponent implements DriverFactory {

    private final GpioDriverFactory factory = new GpioDriverFactory();

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
