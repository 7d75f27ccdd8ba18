package dev.vigil.core.rules;

import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.model.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of every sensor of a site. Not thread-safe: one engine thread feeds it readings and
 * ticks, with the engine clock's time.
 */
public final class RuleEngine {

    private final Map<String, SensorEvaluator> sensors = new LinkedHashMap<>();

    public RuleEngine(List<SensorConfig> sensorConfigs, Instant startedAt) {
        for (SensorConfig sensor : sensorConfigs) {
            sensors.put(sensor.id(), new SensorEvaluator(sensor, startedAt));
        }
    }

    public boolean knows(String sensorId) {
        return sensors.containsKey(sensorId);
    }

    /** Evaluates one reading; returns the conditions that started or ended (empty for an unknown sensor). */
    public List<ConditionChange> onReading(Reading reading, Instant now) {
        SensorEvaluator sensor = sensors.get(reading.sensorId());
        if (sensor == null) {
            return List.of();
        }
        List<ConditionChange> out = new ArrayList<>(2);
        sensor.onReading(reading, now, out);
        return out;
    }

    /** Lets delays and timeouts of every sensor elapse. */
    public List<ConditionChange> onTick(Instant now) {
        List<ConditionChange> out = new ArrayList<>(0);
        for (SensorEvaluator sensor : sensors.values()) {
            sensor.onTick(now, out);
        }
        return out;
    }

    /**
     * Restores a condition that held when the gateway stopped (its alarm is still active), so
     * the alarm clears when the condition is found gone instead of staying forever.
     *
     * @return false if no rule of the configuration owns the key any more
     */
    public boolean assumeActive(AlarmKey key, Instant now) {
        SensorEvaluator sensor = sensors.get(key.sensorId());
        return sensor != null && sensor.assumeActive(key, now);
    }
}
