package dev.vigil.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.model.Place;
import dev.vigil.sim.recorder.Received;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmLineTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private static Received.Alarm alarm(String kind, String level, String acquired, String event, String received) {
        return new Received.Alarm("vigil/demo-gw-1/alarm", Instant.parse(received), "demo-gw-1", 5, "id", "RAISED",
                "rc-b1-3f-301", kind, level, "ALARM", "RESIDUAL_CURRENT", 512.0, "mA", 500.0, Instant.parse(acquired),
                Instant.parse(event), new Place("Vigil demo estate", "B1", "3F", "301"), "alarm reached: 512.0 >= 500.0 mA");
    }

    @Test
    void shows_offset_transition_severity_sensor_message_place_and_latency() {
        assertEquals("+  7.9s  RAISED   ALARM     rc-b1-3f-301           alarm reached: 512.0 >= 500.0 mA  B1/3F/301"
                        + "  (acquired->received 85 ms)",
                AlarmLine.of(alarm("LEVEL", "alarm", "2026-11-22T10:00:07.815Z", "2026-11-22T10:00:07.820Z",
                        "2026-11-22T10:00:07.900Z"), START));
    }

    @Test
    void an_offline_alarm_measures_from_its_event_not_from_the_last_reading() {
        String line = AlarmLine.of(alarm("OFFLINE", "OFFLINE", "2026-11-22T10:00:20.000Z", "2026-11-22T10:00:26.000Z",
                "2026-11-22T10:00:26.040Z"), START);
        assertEquals(true, line.endsWith("(event->received 40 ms)"), line);
    }

    @Test
    void with_a_simulated_cause_measures_from_it_and_still_shows_acquired_to_received() {
        SimulatedCauses.Cause cause = new SimulatedCauses.Cause(Instant.parse("2026-11-22T10:00:02.850Z"), "residual current reached 500 mA");
        String line = AlarmLine.of(alarm("LEVEL", "alarm", "2026-11-22T10:00:07.815Z", "2026-11-22T10:00:07.820Z",
                "2026-11-22T10:00:07.900Z"), START, cause);
        assertEquals(true, line.endsWith("  (sim->received 5050 ms after residual current reached 500 mA; acquired->received 85 ms)"), line);
    }
}
