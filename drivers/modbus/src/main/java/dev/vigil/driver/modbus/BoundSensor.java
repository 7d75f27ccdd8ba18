package dev.vigil.driver.modbus;

import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.Quantity;
import java.time.Duration;
import java.util.Map;

/**
 * A site sensor tied to one point of one slave.
 *
 * @param parameters the numeric address parameters the point uses (e.g. mountHeightCm)
 * @param interval   how often the point is polled
 */
public record BoundSensor(String sensorId, Quantity quantity, int slave, DeviceProfile profile, PointSpec point,
        Map<String, Double> parameters, Duration interval, SourceRef where) {

    public BoundSensor {
        parameters = Map.copyOf(parameters);
    }
}
