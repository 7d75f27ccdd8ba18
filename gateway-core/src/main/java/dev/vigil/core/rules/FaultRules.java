package dev.vigil.core.rules;

import dev.vigil.core.model.Severity;
import java.time.Duration;

/**
 * Sensor-fault detection. Null fields switch that check off.
 *
 * @param offlineAfter no reading for this long makes the sensor OFFLINE
 * @param stuckAfter   the same value for this long makes it STUCK
 * @param physicalMin  values below this are OUT_OF_RANGE
 * @param physicalMax  values above this are OUT_OF_RANGE
 * @param deviceFaults whether a device-reported fault code raises DEVICE_FAULT
 * @param severity     severity of all fault alarms
 */
public record FaultRules(
        Duration offlineAfter,
        Duration stuckAfter,
        Double physicalMin,
        Double physicalMax,
        boolean deviceFaults,
        Severity severity) {
}
