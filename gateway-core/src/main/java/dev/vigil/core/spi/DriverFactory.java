package dev.vigil.core.spi;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import java.util.List;

/**
 * Makes drivers of one type. Found by {@link #type()} (the {@code driver:} of a bus in the site
 * file): through the OSGi service registry in the gateway, through {@link java.util.ServiceLoader}
 * in the {@code vigil validate} command.
 */
public interface DriverFactory {

    /** The type name buses use, e.g. "modbus-rtu", "gpio", "simulated". */
    String type();

    /** Every problem with the bus options and the sensors' addresses, each naming its file:line. */
    List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors);

    /** Makes a driver for a bus that passed {@link #validate}. */
    Driver create(BusConfig bus, List<SensorConfig> sensors);
}
