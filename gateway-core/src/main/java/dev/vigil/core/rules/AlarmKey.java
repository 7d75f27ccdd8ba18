package dev.vigil.core.rules;

import dev.vigil.core.model.AlarmKind;
import java.util.Objects;

/**
 * Which alarm of which sensor: one per level rule (level = the rule's name), one per other kind
 * (level = the kind's name). At most one alarm is active per key at a time.
 */
public record AlarmKey(String sensorId, AlarmKind kind, String level) {

    public AlarmKey {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
    }

    public static AlarmKey of(String sensorId, AlarmKind kind) {
        return new AlarmKey(sensorId, kind, kind.name());
    }

    public static AlarmKey level(String sensorId, String ruleName) {
        return new AlarmKey(sensorId, AlarmKind.LEVEL, ruleName);
    }

    /** The key under which the active alarm is persisted in the outbox's alarm state. */
    public String storageKey() {
        return sensorId + "/" + kind + "/" + level;
    }

    @Override
    public String toString() {
        return storageKey();
    }
}
