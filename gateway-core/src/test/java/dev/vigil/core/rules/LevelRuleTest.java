package dev.vigil.core.rules;

import static dev.vigil.core.rules.RuleHarness.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.testing.Sites;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LevelRuleTest {

    private static LevelRule residual(Duration onDelay, Duration offDelay) {
        return new LevelRule("alarm", Severity.ALARM, LevelRule.Direction.ABOVE, 500, 450, onDelay, offDelay, false);
    }

    @Test
    void raisesExactlyAtTheRaiseLevelAndHoldsInsideTheHysteresisBand() {
        RuleHarness h = new RuleHarness(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                residual(Duration.ZERO, Duration.ZERO)));
        assertEquals("", summary(h.feed(499.9)));
        ConditionChange raised = h.feed(500.0).get(0);
        assertEquals(true, raised.active());
        assertEquals(500.0, raised.value());
        assertEquals(500.0, raised.threshold());
        assertEquals("", summary(h.feed(470)), "inside the band the condition holds");
        assertEquals("", summary(h.feed(450.0)), "exactly at clearAt it still holds");
        assertEquals("-alarm", summary(h.feed(449.9)));
        assertEquals("", summary(h.feed(480)), "after clearing, the band does not raise again");
        assertEquals("+alarm", summary(h.feed(500)));
    }

    @Test
    void onDelayRaisesOnATickOnlyWhenTheConditionHeldLongEnough() {
        RuleHarness h = new RuleHarness(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                residual(Duration.ofSeconds(5), Duration.ZERO)));
        assertEquals("", summary(h.feed(520)));
        assertEquals("", summary(h.afterSeconds(4)));
        assertEquals("+alarm", summary(h.afterSeconds(1)), "raised by the tick at 5 s without a new reading");
    }

    @Test
    void onDelayRestartsWhenTheConditionDropsBeforeItElapsed() {
        RuleHarness h = new RuleHarness(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                residual(Duration.ofSeconds(5), Duration.ZERO)));
        h.feed(520);
        h.afterSeconds(3);
        assertEquals("", summary(h.feed(400)));
        h.afterSeconds(1);
        assertEquals("", summary(h.feed(520)));
        assertEquals("", summary(h.afterSeconds(4)), "only 4 s since the condition came back");
        assertEquals("+alarm", summary(h.afterSeconds(1)));
    }

    @Test
    void offDelayKeepsTheAlarmUntilTheValueStayedLowLongEnough() {
        RuleHarness h = new RuleHarness(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                residual(Duration.ZERO, Duration.ofSeconds(10))));
        assertEquals("+alarm", summary(h.feed(600)));
        assertEquals("", summary(h.feed(300)));
        assertEquals("", summary(h.afterSeconds(9)));
        assertEquals("", summary(h.feed(510)), "back above: the off-delay is abandoned");
        assertEquals("", summary(h.afterSeconds(20)));
        h.feed(300);
        assertEquals("-alarm", summary(h.afterSeconds(10)));
    }

    @Test
    void belowRuleMirrorsTheHysteresis() {
        LevelRule low = new LevelRule("low", Severity.WARNING, LevelRule.Direction.BELOW, 10, 12, Duration.ZERO,
                Duration.ZERO, false);
        RuleHarness h = new RuleHarness(Sites.levels("lvl-1", Quantity.WATER_DEPTH, low));
        assertEquals("", summary(h.feed(10.1)));
        assertEquals("+low", summary(h.feed(10)));
        assertEquals("", summary(h.feed(12)), "exactly at clearAt it still holds");
        assertEquals("-low", summary(h.feed(12.1)));
    }

    @Test
    void waterDepthGradesAreEachTheirOwnAlarmAndStackUp() {
        RuleHarness h = new RuleHarness(Sites.levels("wl-1", Quantity.WATER_DEPTH,
                Sites.above("light", Severity.WARNING, 3, 2.5),
                Sites.above("moderate", Severity.ALARM, 10, 9),
                Sites.above("severe", Severity.CRITICAL, 25, 23)));
        assertEquals("", summary(h.feed(2)));
        assertEquals("+light", summary(h.feed(4)));
        assertEquals("+moderate", summary(h.feed(12)));
        assertEquals("+severe", summary(h.feed(30)), "light and moderate stay raised (non-exclusive levels)");
        assertEquals("-severe", summary(h.feed(20)));
        assertEquals("-light,-moderate", summary(h.feed(1)));
        assertEquals("+light,+moderate,+severe", summary(h.feed(26)), "a jump raises every level it crosses");
    }

    @Test
    void badReadingsDoNotDriveLevelRules() {
        RuleHarness h = new RuleHarness(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT,
                residual(Duration.ZERO, Duration.ZERO)));
        assertEquals("", summary(h.feed(9999, Quality.bad("CRC error on /dev/ttyUSB0 slave 3"))));
        assertEquals("+alarm", summary(h.feed(510)));
        assertEquals("", summary(h.feed(0, Quality.bad("timeout"))), "a BAD zero does not clear the alarm");
        assertEquals("+alarm".replace('+', '-'), summary(h.feed(100, Quality.uncertain("calibration due"))));
    }
}
