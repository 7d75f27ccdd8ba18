package dev.vigil.driver.modbus;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import java.util.List;
import java.util.stream.Collectors;

/** Makes {@code modbus-rtu} drivers: one per bus (serial port), its sensors bound to device profile points. */
public final class ModbusRtuDriverFactory implements DriverFactory {

    @Override
    public String type() {
        return ModbusRtuDriver.TYPE;
    }

    @Override
    public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
        return ModbusSiteReader.read(bus, sensors).problems();
    }

    @Override
    public Driver create(BusConfig bus, List<SensorConfig> sensors) {
        ModbusSiteReader.Result result = ModbusSiteReader.read(bus, sensors);
        return new ModbusRtuDriver(result.site().orElseThrow(() -> new IllegalArgumentException("bus \"" + bus.id()
                + "\" is not valid: " + result.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")))));
    }
}
