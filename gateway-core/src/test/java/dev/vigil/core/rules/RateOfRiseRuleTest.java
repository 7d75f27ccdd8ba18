package dev.vigil.core.rules;

import static dev.vigil.core.rules.RuleHarness.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Severity;
import dev.vigil.core.testing.Sites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateOfRiseRuleTest {

    private final RuleHarness h = new RuleHarness(Sites.rate("ct-1",
            new RateOfRiseRule(5.0, Duration.ofSeconds(60), Severity.ALARM, Duration.ofSeconds(10))));

    @Test
    void aSteepRiseHeldForTheOnDelayRaisesAndEndsOneWindowAfterTheRateFellBack() {
        // 10 °C per minute, a reading every 10 s: the rate is known once the samples span half the
        // window (30 s), and must then hold for the 10 s on-delay
        double t = 30;
        h.feed(t);
        List<String> changes = new ArrayList<>();
        for (int s = 10; s <= 60; s += 10) {
            changes.add(s + ":" + summary(h.afterSeconds(10)));
            t += 10.0 / 6;
            changes.add(s + ":" + summary(h.feed(t)));
        }
        assertEquals(List.of("10:", "10:", "20:", "20:", "30:", "30:", "40:+RATE_OF_RISE", "40:", "50:", "50:",
                "60:", "60:"), changes);
        // flat from 60 s: the rate over the window reaches the limit at 90 s, then the off-delay of
        // one window keeps the alarm until 150 s
        List<String> after = new ArrayList<>();
        for (int s = 70; s <= 160; s += 10) {
            after.add(s + ":" + summary(h.afterSeconds(10)) + summary(h.feed(t)));
        }
        assertEquals(List.of("70:", "80:", "90:", "100:", "110:", "120:", "130:", "140:", "150:-RATE_OF_RISE",
                "160:"), after);
    }

    @Test
    void theRaisedConditionCarriesTheLimitPerMinute() {
        h.feed(30);
        h.afterSeconds(30);
        h.feed(40);
        ConditionChange raised = h.afterSeconds(10).get(0);
        assertEquals(AlarmKind.RATE_OF_RISE, raised.key().kind());
        assertTrue(raised.active());
        assertEquals(5.0, raised.threshold());
        assertEquals(40.0, raised.value());
    }

    @Test
    void aSlowRiseDoesNotRaise() {
        double t = 30;
        for (int i = 0; i < 30; i++) { // 3 °C per minute
            assertEquals("", summary(h.feed(t)));
            h.afterSeconds(10);
            t += 0.5;
        }
    }

    @Test
    void twoReadingsCloseTogetherCannotFakeASteepRise() {
        h.feed(30);
        h.afterSeconds(1);
        h.feed(40); // 600 °C/min over one second: noise, not a trend
        assertEquals("", summary(h.afterSeconds(20)));
    }
}
