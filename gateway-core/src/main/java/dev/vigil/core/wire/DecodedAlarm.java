package dev.vigil.core.wire;

import dev.vigil.core.model.AlarmEvent;

/** An alarm document as the platform receives it: the sending gateway and the event. */
public record DecodedAlarm(String gateway, AlarmEvent event) {
}
