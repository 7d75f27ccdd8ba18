package dev.vigil.driver.gpio;

import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.Quantity;
import java.time.Duration;

/**
 * One detector input as configured under a sensor's {@code address:}.
 *
 * @param sensorId    the sensor it reads
 * @param quantity    what its readings are (SMOKE for a smoke detector: 1 smoke, 0 none)
 * @param pin         BCM number of the alarm contact
 * @param activeHigh  whether a high level means "alarm" (false: the contact pulls the pin low)
 * @param pull        bias of the alarm pin
 * @param debounce    how long a level must hold before the driver believes it
 * @param refresh     how often the current state is reported again without a change
 * @param supervision the optional supervision (end-of-line) contact, or null
 * @param where       where the sensor is in the site file
 */
public record InputSettings(String sensorId, Quantity quantity, int pin, boolean activeHigh, GpioLines.Pull pull,
        Duration debounce, Duration refresh, Supervision supervision, SourceRef where) {

    /**
     * A supervision contact that is closed while the detector loop is intact.
     *
     * @param pin        BCM number
     * @param closedHigh whether a high level means "loop intact" (false: the closed contact pulls the pin low)
     * @param pull       bias of the pin
     */
    public record Supervision(int pin, boolean closedHigh, GpioLines.Pull pull) {
    }
}
