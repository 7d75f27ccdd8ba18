package dev.vigil.driver.simulated;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code simulated} driver: an in-process signal source for the demo and integration tests.
 * The bus takes no options; each sensor's {@code address:} is a {@link SensorScript}.
 */
public class SimulatedDriverFactory implements DriverFactory {

    public static final String TYPE = "simulated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : bus.options().values().keySet()) {
            problems.add(new ConfigProblem(bus.options().lineOf(key), "bus " + bus.id() + ": unknown option '" + key
                    + "'; a simulated bus takes no options (each sensor's address holds its signal)"));
        }
        for (SensorConfig sensor : sensors) {
            SensorScript.from(sensor, problems);
        }
        return problems;
    }

    @Override
    public Driver create(BusConfig bus, List<SensorConfig> sensors) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<SensorScript> scripts = new ArrayList<>();
        for (SensorConfig sensor : sensors) {
            SensorScript script = SensorScript.from(sensor, problems);
            if (script != null) {
                scripts.add(script);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("simulated bus " + bus.id() + " was not validated: " + problems);
        }
        return new SimulatedDriver(bus.id(), scripts);
    }
}
