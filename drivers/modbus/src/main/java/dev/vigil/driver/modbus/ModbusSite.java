package dev.vigil.driver.modbus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything one modbus-rtu bus of a site needs to run, checked.
 *
 * @param busId          the bus id from the site file
 * @param profileBySlave the profile of every slave a sensor names
 * @param timeoutBySlave each slave's request timeout
 */
public record ModbusSite(String busId, BusSettings settings, List<BoundSensor> sensors,
        Map<Integer, DeviceProfile> profileBySlave, Map<Integer, Duration> timeoutBySlave) {

    public ModbusSite {
        sensors = List.copyOf(sensors);
        profileBySlave = Map.copyOf(profileBySlave);
        timeoutBySlave = Map.copyOf(timeoutBySlave);
    }
}
