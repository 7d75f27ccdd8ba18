package dev.vigil.core.rules;

import static dev.vigil.core.rules.RuleHarness.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.testing.Sites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeRuleTest {

    private final RuleHarness h = new RuleHarness(Sites.smoke("sd-301", Duration.ofSeconds(2), false));

    @Test
    void smokeRaisesAfterTheDebounceAndClearsAfterStayingClearAsLong() {
        assertEquals("", summary(h.feed(1)));
        assertEquals("", summary(h.after(Duration.ofMillis(1999))));
        assertEquals("+SMOKE", summary(h.after(Duration.ofMillis(1))));
        assertEquals("", summary(h.feed(0)));
        assertEquals("-SMOKE", summary(h.afterSeconds(2)));
    }

    @Test
    void valuesFromHalfUpCountAsSmoke() {
        h.feed(0.49);
        assertEquals("", summary(h.afterSeconds(5)));
        h.feed(0.5);
        assertEquals("+SMOKE", summary(h.afterSeconds(2)));
    }

    @Test
    void aChatteringInputDoesNotProduceAnAlarmStorm() {
        List<ConditionChange> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // toggles every 500 ms, four times faster than the 2 s debounce
            all.addAll(h.feed(i % 2));
            all.addAll(h.after(Duration.ofMillis(500)));
        }
        assertEquals(List.of(), all, "no raise/clear pairs while the input chatters");
    }

    @Test
    void chatterAfterARaisedAlarmKeepsItRaisedOnce() {
        h.feed(1);
        assertEquals("+SMOKE", summary(h.afterSeconds(2)));
        List<ConditionChange> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.addAll(h.feed(i % 2));
            all.addAll(h.after(Duration.ofMillis(300)));
        }
        assertEquals(List.of(), all);
        h.feed(0);
        assertEquals("-SMOKE", summary(h.afterSeconds(2)), "clears once the input is stable");
    }
}
