package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.vigil.core.alarm.AlarmRecorder;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.AlarmTransition;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.testing.LogCapture;
import dev.vigil.core.testing.Sites;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The alarm state machine as the platform sees it: events in the outbox, with sequences and ids. */
class AlarmLifecycleTest {

    private static final LevelRule LATCHING_ALARM = new LevelRule("alarm", Severity.ALARM,
            LevelRule.Direction.ABOVE, 500, 450, Duration.ZERO, Duration.ZERO, true);

    @Test
    void nonLatchingAlarmClearsWhenTheConditionGoesAndKeepsItsIdAcrossTransitions() {
        ProcessorHarness h = new ProcessorHarness(Sites.site(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                Sites.above("alarm", Severity.ALARM, 500, 450))));
        h.feed("rc-1", 520);
        h.feed("rc-1", 300);
        List<AlarmEvent> events = h.alarms();
        assertEquals(List.of("RAISED rc-1/alarm", "CLEARED rc-1/alarm"), h.transitions());
        assertEquals("gw-futian-01:rc-1:alarm:1", events.get(0).alarmId());
        assertEquals(events.get(0).alarmId(), events.get(1).alarmId());
        assertEquals(List.of(1L, 2L), events.stream().map(AlarmEvent::sequence).toList());
        assertEquals(Sites.place("r-rc-1"), events.get(0).place());
        assertEquals(520.0, events.get(0).value());
        assertEquals(500.0, events.get(0).threshold(), "RAISED names the raise level");
        assertEquals(300.0, events.get(1).value());
        assertEquals(450.0, events.get(1).threshold(), "CLEARED names the clear level");
        assertTrue(h.processor.activeAlarms().isEmpty());
    }

    @Test
    void latchingAlarmStaysAfterTheConditionUntilAcknowledged() {
        ProcessorHarness h = new ProcessorHarness(Sites.site(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                LATCHING_ALARM)));
        h.feed("rc-1", 520);
        h.feed("rc-1", 300);
        assertEquals(List.of("RAISED rc-1/alarm"), h.transitions(), "latched: no CLEARED while unacknowledged");
        String id = h.alarms().get(0).alarmId();
        assertTrue(h.processor.acknowledge(id, "operator zhang"));
        assertEquals(List.of("RAISED rc-1/alarm", "ACKED rc-1/alarm", "CLEARED rc-1/alarm"), h.transitions());
        assertEquals("acknowledged by operator zhang", h.alarms().get(1).message());
        assertFalse(h.processor.acknowledge(id, "operator zhang"), "it is gone now");
    }

    @Test
    void acknowledgedWhileTheConditionHoldsClearsWhenItGoes() {
        ProcessorHarness h = new ProcessorHarness(Sites.site(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                LATCHING_ALARM)));
        h.feed("rc-1", 520);
        String id = h.alarms().get(0).alarmId();
        assertTrue(h.processor.acknowledge(id, "console"));
        assertFalse(h.processor.acknowledge(id, "console"), "a second acknowledgement changes nothing");
        h.feed("rc-1", 530);
        assertEquals(List.of("RAISED rc-1/alarm", "ACKED rc-1/alarm"), h.transitions());
        h.feed("rc-1", 100);
        assertEquals(List.of("RAISED rc-1/alarm", "ACKED rc-1/alarm", "CLEARED rc-1/alarm"), h.transitions());
    }

    @Test
    void aLatchedAlarmWhoseConditionReturnsIsStillTheSameAlarm() {
        ProcessorHarness h = new ProcessorHarness(Sites.site(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                LATCHING_ALARM)));
        h.feed("rc-1", 520);
        h.feed("rc-1", 100);
        h.feed("rc-1", 520);
        assertEquals(List.of("RAISED rc-1/alarm"), h.transitions());
        assertFalse(h.processor.acknowledge("gw-futian-01:rc-1:alarm:99", "x"), "unknown id");
    }

    @Test
    void sequencesAreGaplessAndStrictlyIncreasingAcrossSensorsAndKinds() {
        ProcessorHarness h = new ProcessorHarness(Sites.site(
                Sites.levels("wl-1", Quantity.WATER_DEPTH, Sites.above("light", Severity.WARNING, 3, 2.5),
                        Sites.above("moderate", Severity.ALARM, 10, 9)),
                Sites.smoke("sd-1", Duration.ofSeconds(1), false)));
        for (int i = 0; i < 5; i++) {
            h.feed("wl-1", 12);
            h.feed("sd-1", 1);
            h.afterSeconds(1);
            h.feed("wl-1", 1);
            h.feed("sd-1", 0);
            h.afterSeconds(1);
        }
        List<Long> seqs = h.alarms().stream().map(AlarmEvent::sequence).toList();
        assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(), seqs);
        assertEquals(seqs, h.outbox.alarmAppends());
    }

    @Test
    void everyAcceptedEventIsLoggedOnceInTheAgreedForm() {
        try (LogCapture log = new LogCapture(AlarmRecorder.class)) {
            ProcessorHarness h = new ProcessorHarness(Sites.site(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                    Sites.above("alarm", Severity.ALARM, 500, 450))));
            h.feed("rc-1", 520);
            for (int i = 0; i < 10; i++) {
                h.feed("rc-1", 530 + i);
            }
            h.feed("rc-1", 100);
            assertEquals(List.of(
                    "ALARM accepted seq=1 id=gw-futian-01:rc-1:alarm:1 transition=RAISED sensor=rc-1 level=alarm",
                    "ALARM accepted seq=2 id=gw-futian-01:rc-1:alarm:1 transition=CLEARED sensor=rc-1 level=alarm"),
                    log.lines(Level.INFO));
        }
    }

    @Test
    void anOutboxFailureKeepsTheEventPendingWithItsSequenceAndRetriesWithBackoff() {
        try (LogCapture log = new LogCapture(AlarmRecorder.class)) {
            ProcessorHarness h = new ProcessorHarness(Sites.site(
                    Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT, Sites.above("alarm", Severity.ALARM, 500, 450)),
                    Sites.smoke("sd-1", Duration.ZERO, false)));
            h.outbox.failNextAlarmAppends(2);
            h.feed("rc-1", 520);
            h.feed("sd-1", 1); // waits behind the first event
            assertEquals(List.of(), h.transitions());
            assertEquals(2, h.processor.pendingAlarms());
            List<String> warns = log.lines(Level.WARN);
            assertEquals(1, warns.size());
            assertTrue(warns.get(0).contains("seq=1") && warns.get(0).contains("disk full")
                    && warns.get(0).contains("retried"), warns.get(0));

            h.after(Duration.ofMillis(50));
            assertEquals(List.of(), h.transitions(), "still backing off");
            h.after(Duration.ofMillis(60));
            assertEquals(List.of(), h.transitions(), "second attempt failed too");
            h.after(Duration.ofMillis(250));
            assertEquals(List.of("RAISED rc-1/alarm", "RAISED sd-1/SMOKE"), h.transitions());
            assertEquals(List.of(1L, 2L), h.alarms().stream().map(AlarmEvent::sequence).toList());
            assertEquals(0, h.processor.pendingAlarms());
            assertEquals(AlarmTransition.RAISED, h.alarms().get(1).transition());
        }
    }
}
