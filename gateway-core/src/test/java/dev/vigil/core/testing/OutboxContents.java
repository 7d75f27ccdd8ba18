package dev.vigil.core.testing;

import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.wire.AlarmEventCodec;
import dev.vigil.core.wire.TelemetryBatch;
import dev.vigil.core.wire.TelemetryCodec;
import java.util.List;

/** Decodes what a {@link FakeOutbox} or {@link FakeUplink} holds. */
public final class OutboxContents {

    private OutboxContents() {
    }

    public static List<AlarmEvent> alarms(List<OutboxEntry> entries) {
        return entries.stream().filter(e -> e.lane() == Lane.ALARM)
                .map(e -> AlarmEventCodec.decode(e.payload()).event()).toList();
    }

    public static List<TelemetryBatch> telemetry(List<OutboxEntry> entries) {
        return entries.stream().filter(e -> e.lane() == Lane.TELEMETRY).map(e -> TelemetryCodec.decode(e.payload()))
                .toList();
    }

    /** "RAISED sensor/level" per event, for compact assertions. */
    public static List<String> transitions(List<AlarmEvent> events) {
        return events.stream().map(e -> e.transition() + " " + e.sensorId() + "/" + e.level()).toList();
    }
}
