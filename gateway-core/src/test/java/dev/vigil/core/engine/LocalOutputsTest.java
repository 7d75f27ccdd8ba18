package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.alarm.ActiveAlarm;
import dev.vigil.core.alarm.PendingAlarm;
import dev.vigil.core.config.OutputAction;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.AlarmTransition;
import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.AlarmKey;
import dev.vigil.core.spi.OutputPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalOutputsTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final AlarmKey SMOKE_301 = AlarmKey.of("smoke-301", AlarmKind.SMOKE);
    private static final AlarmKey SMOKE_302 = AlarmKey.of("smoke-302", AlarmKind.SMOKE);
    private static final AlarmKey FAULT_301 = AlarmKey.of("smoke-301", AlarmKind.DEVICE_FAULT);

    /** Records every switch; can be told to fail. */
    static final class RecordingPort implements OutputPort {
        final List<Boolean> switched = new ArrayList<>();
        int failNext;

        @Override
        public String id() {
            return "siren-1";
        }

        @Override
        public void set(boolean on) {
            if (failNext > 0) {
                failNext--;
                throw new IllegalStateException("GPIO 27 busy");
            }
            switched.add(on);
        }
    }

    private final RecordingPort siren = new RecordingPort();

    private LocalOutputs outputs(OutputAction... actions) {
        return new LocalOutputs(List.of(actions), Map.of("siren-1", siren));
    }

    private static OutputAction action(String sensor, Set<AlarmKey> alarms, boolean silenceOnAck) {
        return new OutputAction(sensor, "siren-1", alarms, silenceOnAck, new SourceRef("site.yaml", 30));
    }

    private static PendingAlarm event(AlarmKey key, AlarmTransition t) {
        AlarmEvent e = new AlarmEvent(1, "a-" + key.sensorId(), t, key.sensorId(), key.kind(), key.level(), Severity.CRITICAL,
                Quantity.SMOKE, 1, "", null, T, T, new Place("s", "b", "3F", "301"), "");
        return new PendingAlarm(e, key, null);
    }

    @Test
    void siren_sounds_from_raised_until_the_last_driving_alarm_clears() {
        LocalOutputs o = outputs(action("smoke-301", Set.of(SMOKE_301), false), action("smoke-302", Set.of(SMOKE_302), false));
        o.restore(List.of());
        o.onEvents(List.of(event(SMOKE_301, AlarmTransition.RAISED)));
        o.onEvents(List.of(event(SMOKE_302, AlarmTransition.RAISED)));
        o.onEvents(List.of(event(SMOKE_301, AlarmTransition.CLEARED)));
        assertTrue(o.wantedOn("siren-1"), "302 still holds it");
        o.onEvents(List.of(event(SMOKE_302, AlarmTransition.CLEARED)));
        assertEquals(List.of(false, true, false), siren.switched, "off at start, on once, off once");
    }

    @Test
    void acknowledging_silences_only_where_the_installer_said_so() {
        LocalOutputs keep = outputs(action("smoke-301", Set.of(SMOKE_301), false));
        keep.onEvents(List.of(event(SMOKE_301, AlarmTransition.RAISED), event(SMOKE_301, AlarmTransition.ACKED)));
        assertTrue(keep.wantedOn("siren-1"));

        RecordingPort other = new RecordingPort();
        LocalOutputs silence = new LocalOutputs(List.of(action("smoke-301", Set.of(SMOKE_301), true)), Map.of("siren-1", other));
        silence.onEvents(List.of(event(SMOKE_301, AlarmTransition.RAISED)));
        silence.onEvents(List.of(event(SMOKE_301, AlarmTransition.ACKED)));
        assertEquals(List.of(true, false), other.switched);
    }

    @Test
    void alarms_not_named_by_an_action_do_not_switch_the_output() {
        LocalOutputs o = outputs(action("smoke-301", Set.of(SMOKE_301), false));
        o.onEvents(List.of(event(FAULT_301, AlarmTransition.RAISED)));
        assertFalse(o.wantedOn("siren-1"));
        assertEquals(List.of(), siren.switched);
    }

    @Test
    void a_restart_with_an_active_alarm_sounds_the_siren_again_unless_it_was_silenced() {
        ActiveAlarm active = new ActiveAlarm(SMOKE_301, "a-1", 7, false, true, true, Severity.CRITICAL, Quantity.SMOKE, "",
                new Place("s", "b", "3F", "301"), null, 1, T, T);
        outputs(action("smoke-301", Set.of(SMOKE_301), true)).restore(List.of(active));
        assertEquals(List.of(true), siren.switched);

        RecordingPort other = new RecordingPort();
        ActiveAlarm acked = new ActiveAlarm(SMOKE_301, "a-1", 7, true, true, true, Severity.CRITICAL, Quantity.SMOKE, "",
                new Place("s", "b", "3F", "301"), null, 1, T, T);
        new LocalOutputs(List.of(action("smoke-301", Set.of(SMOKE_301), true)), Map.of("siren-1", other)).restore(List.of(acked));
        assertEquals(List.of(false), other.switched);
    }

    @Test
    void a_refused_switch_is_retried_on_the_next_tick() {
        LocalOutputs o = outputs(action("smoke-301", Set.of(SMOKE_301), false));
        siren.failNext = 1;
        o.onEvents(List.of(event(SMOKE_301, AlarmTransition.RAISED)));
        assertEquals(List.of(), siren.switched);
        o.tick();
        assertEquals(List.of(true), siren.switched);
        o.tick();
        assertEquals(List.of(true), siren.switched, "no repeated switching once it worked");
    }
}
