package dev.vigil.driver.nbiot;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.driver.nbiot.api.NbIotModem;
import dev.vigil.driver.nbiot.api.NbIotModems;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/** Registers the {@code nbiot} driver factory, and the modem finder, in OSGi. */
@Component(service = {DriverFactory.class, NbIotModems.class}, property = "vigil.driver.type=" + NbIotDriverFactory.TYPE)
public final class NbIotDriverComponent implements DriverFactory, NbIotModems {

    private final NbIotDriverFactory factory = new NbIotDriverFactory();

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

    @Override
    public Optional<NbIotModem> modem(String busId) {
        return factory.modem(busId);
    }
}
