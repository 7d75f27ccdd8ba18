package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.FaultRules;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.testing.Sites;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A restart neither re-raises an active alarm nor forgets to clear it. */
class RestartTest {

    private static final SiteConfig SITE = Sites.site(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
            new LevelRule("alarm", Severity.ALARM, LevelRule.Direction.ABOVE, 500, 450, Duration.ofSeconds(5),
                    Duration.ofSeconds(5), false)));

    @Test
    void anAlarmStillHoldingAfterRestartIsNotRaisedAgain() {
        ProcessorHarness before = new ProcessorHarness(SITE);
        before.feed("rc-1", 520);
        before.afterSeconds(5);
        assertEquals(List.of("RAISED rc-1/alarm"), before.transitions());

        ProcessorHarness after = before.restart(SITE);
        assertEquals(1, after.processor.activeAlarms().size());
        for (int i = 0; i < 10; i++) {
            after.feed("rc-1", 520);
            after.afterSeconds(5);
        }
        assertEquals(List.of("RAISED rc-1/alarm"), after.transitions());
    }

    @Test
    void anAlarmWhoseConditionWentAwayDuringTheRestartClearsWithItsIdAndTheNextSequence() {
        ProcessorHarness before = new ProcessorHarness(SITE);
        before.feed("rc-1", 520);
        before.afterSeconds(5);
        String id = before.alarms().get(0).alarmId();

        ProcessorHarness after = before.restart(SITE);
        after.feed("rc-1", 100);
        after.afterSeconds(5);
        List<AlarmEvent> events = after.alarms();
        assertEquals(List.of("RAISED rc-1/alarm", "CLEARED rc-1/alarm"), after.transitions());
        assertEquals(id, events.get(1).alarmId());
        assertEquals(2, events.get(1).sequence());
        assertTrue(after.outbox.alarmState().isEmpty(), "the cleared alarm left the persisted state");
    }

    @Test
    void aLatchedAlarmCanBeAcknowledgedAfterRestart() {
        SiteConfig site = Sites.site(Sites.smoke("sd-1", Duration.ZERO, true));
        ProcessorHarness before = new ProcessorHarness(site);
        before.feed("sd-1", 1);
        before.feed("sd-1", 0);
        String id = before.alarms().get(0).alarmId();

        ProcessorHarness after = before.restart(site);
        after.feed("sd-1", 0);
        assertEquals(List.of("RAISED sd-1/SMOKE"), after.transitions());
        assertTrue(after.processor.acknowledge(id, "station"));
        assertEquals(List.of("RAISED sd-1/SMOKE", "ACKED sd-1/SMOKE", "CLEARED sd-1/SMOKE"), after.transitions());
    }

    @Test
    void anOfflineAlarmRestoredWithoutReadingsStaysAndClearsWhenReadingsReturn() {
        SiteConfig site = Sites.site(Sites.faults("rc-1",
                new FaultRules(Duration.ofSeconds(30), null, null, null, false, Severity.WARNING)));
        ProcessorHarness before = new ProcessorHarness(site);
        before.afterSeconds(31);
        ProcessorHarness after = before.restart(site);
        after.afterSeconds(60);
        assertEquals(List.of("RAISED rc-1/OFFLINE"), after.transitions());
        after.feed("rc-1", 120);
        assertEquals(List.of("RAISED rc-1/OFFLINE", "CLEARED rc-1/OFFLINE"), after.transitions());
    }

    @Test
    void aStuckSensorIsNotClearedByItsFirstReadingAfterRestart() {
        SiteConfig site = Sites.site(Sites.faults("ct-1",
                new FaultRules(null, Duration.ofMinutes(10), null, null, false, Severity.WARNING)));
        ProcessorHarness before = new ProcessorHarness(site);
        for (int i = 0; i <= 10; i++) {
            before.feed("ct-1", 21.5);
            before.afterSeconds(60);
        }
        assertEquals(List.of("RAISED ct-1/STUCK"), before.transitions());
        ProcessorHarness after = before.restart(site);
        after.feed("ct-1", 21.5);
        after.afterSeconds(60);
        after.feed("ct-1", 21.5);
        assertEquals(List.of("RAISED ct-1/STUCK"), after.transitions());
        after.feed("ct-1", 22.0);
        assertEquals(List.of("RAISED ct-1/STUCK", "CLEARED ct-1/STUCK"), after.transitions());
    }

    @Test
    void anAlarmWhoseRuleWasRemovedFromTheSiteFileIsClearedAtStart() {
        ProcessorHarness before = new ProcessorHarness(SITE);
        before.feed("rc-1", 520);
        before.afterSeconds(5);
        ProcessorHarness after = before.restart(Sites.site(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT)));
        assertEquals(List.of("RAISED rc-1/alarm", "CLEARED rc-1/alarm"), after.transitions());
        assertTrue(after.processor.activeAlarms().isEmpty());
    }
}
