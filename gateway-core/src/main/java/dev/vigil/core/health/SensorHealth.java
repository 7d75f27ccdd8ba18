package dev.vigil.core.health;

import java.time.Instant;

/**
 * Health of one sensor.
 *
 * @param sensorId   the sensor id
 * @param state      its state
 * @param lastValue  last value received, or null
 * @param lastSeen   when the engine received its last reading (engine clock), or null
 * @param acquiredAt acquisition time of that reading, or null
 * @param goodCount  GOOD readings since start
 * @param errorCount readings that were not GOOD since start
 * @param lastError  reason of the last reading that was not GOOD, or null
 */
public record SensorHealth(String sensorId, SensorState state, Double lastValue, Instant lastSeen, Instant acquiredAt,
        long goodCount, long errorCount, String lastError) {
}
