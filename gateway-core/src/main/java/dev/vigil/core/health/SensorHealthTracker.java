package dev.vigil.core.health;

import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counts and remembers what each sensor delivered. Not thread-safe: the engine serialises calls. */
public final class SensorHealthTracker {

    private static final class Tracked {
        Double lastValue;
        Instant lastSeen;
        Instant acquiredAt;
        Quality lastQuality;
        long good;
        long errors;
        String lastError;
    }

    private final Map<String, Tracked> sensors = new LinkedHashMap<>();

    public SensorHealthTracker(List<String> sensorIds) {
        sensorIds.forEach(id -> sensors.put(id, new Tracked()));
    }

    public void record(Reading reading, Instant now) {
        Tracked t = sensors.get(reading.sensorId());
        if (t == null) {
            return;
        }
        t.lastValue = reading.value();
        t.lastSeen = now;
        t.acquiredAt = reading.acquiredAt();
        t.lastQuality = reading.quality();
        if (reading.quality().isGood()) {
            t.good++;
        } else {
            t.errors++;
            t.lastError = reading.quality().reason();
        }
    }

    /**
     * @param offline sensors with an active OFFLINE condition
     * @param faulty  sensors with an active STUCK, OUT_OF_RANGE or DEVICE_FAULT condition
     */
    public List<SensorHealth> snapshot(Set<String> offline, Set<String> faulty) {
        List<SensorHealth> out = new ArrayList<>(sensors.size());
        sensors.forEach((id, t) -> {
            SensorState state;
            if (offline.contains(id)) {
                state = SensorState.OFFLINE;
            } else if (faulty.contains(id)
                    || (t.lastQuality != null && t.lastQuality.status() == Quality.Status.BAD)) {
                state = SensorState.FAULT;
            } else if (t.lastSeen == null) {
                state = SensorState.UNKNOWN;
            } else {
                state = SensorState.OK;
            }
            out.add(new SensorHealth(id, state, t.lastValue, t.lastSeen, t.acquiredAt, t.good, t.errors,
                    t.lastError));
        });
        return out;
    }
}
