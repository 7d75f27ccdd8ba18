package dev.vigil.core.rules;

import static dev.vigil.core.rules.RuleHarness.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Severity;
import dev.vigil.core.testing.Sites;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultRulesTest {

    private static FaultRules faults(Duration offline, Duration stuck, Double min, Double max, boolean device) {
        return new FaultRules(offline, stuck, min, max, device, Severity.WARNING);
    }

    @Test
    void offlineIsDetectedOnATickAndClearsWhenReadingsReturn() {
        RuleHarness h = new RuleHarness(Sites.faults("rc-1", faults(Duration.ofSeconds(30), null, null, null, false)));
        assertEquals("", summary(h.afterSeconds(30)), "exactly offlineAfter is still fine");
        assertEquals("+OFFLINE", summary(h.afterSeconds(1)), "never heard from since start");
        assertEquals("", summary(h.afterSeconds(60)), "raised once, not on every tick");
        assertEquals("-OFFLINE", summary(h.feed(120)));
        assertEquals("", summary(h.afterSeconds(20)));
        h.feed(121);
        assertEquals("", summary(h.afterSeconds(30)));
        assertEquals("+OFFLINE", summary(h.afterSeconds(1)));
    }

    @Test
    void badReadingsWithoutADeviceCodeAreNoSignOfLife() {
        RuleHarness h = new RuleHarness(Sites.faults("rc-1", faults(Duration.ofSeconds(30), null, null, null, true)));
        for (int i = 0; i < 3; i++) {
            h.afterSeconds(10);
            assertEquals("", summary(h.feed(0, Quality.bad("no response from slave 3 on /dev/ttyUSB0"))));
        }
        assertEquals("+OFFLINE", summary(h.afterSeconds(1)), "31 s without a sign of life");
        assertEquals("-OFFLINE,+DEVICE_FAULT", summary(h.feed(0, Quality.deviceFault(0xE5E5, "short"))),
                "a device fault code is an answer from the device");
    }

    @Test
    void stuckWhenTheValueDoesNotChangeAndClearsWhenItDoes() {
        RuleHarness h = new RuleHarness(Sites.faults("rc-1", faults(null, Duration.ofMinutes(10), null, null, false)));
        h.feed(123.0);
        for (int i = 0; i < 9; i++) {
            h.afterSeconds(60);
            assertEquals("", summary(h.feed(123.0)));
        }
        h.afterSeconds(60);
        assertEquals("+STUCK", summary(h.feed(123.0)));
        h.afterSeconds(60);
        assertEquals("", summary(h.feed(123.0)));
        assertEquals("-STUCK", summary(h.feed(123.5)));
    }

    @Test
    void outOfRangeNamesTheCrossedLimitAndClearsInRange() {
        RuleHarness h = new RuleHarness(Sites.faults("rc-1", faults(null, null, 0.0, 1000.0, false)));
        assertEquals("", summary(h.feed(1000)));
        ConditionChange c = h.feed(1200).get(0);
        assertEquals("+OUT_OF_RANGE", summary(java.util.List.of(c)));
        assertEquals(1000.0, c.threshold());
        assertEquals("", summary(h.feed(-5)), "still out of range");
        assertEquals("-OUT_OF_RANGE", summary(h.feed(50)));
    }

    @Test
    void deviceFaultRaisesWithTheCodeAndClearsOnAGoodReading() {
        RuleHarness h = new RuleHarness(Sites.faults("rc-1", faults(null, null, null, null, true)));
        ConditionChange c = h.feed(0, Quality.deviceFault(0xFAFA, "open")).get(0);
        assertEquals("+DEVICE_FAULT", summary(java.util.List.of(c)));
        assertEquals("device fault 0xFAFA (open)", c.message());
        assertEquals("", summary(h.feed(0, Quality.bad("CRC error"))), "a bus error says nothing about the device");
        assertEquals("-DEVICE_FAULT", summary(h.feed(120)));
    }

    @Test
    void aDeviceFaultReadingDoesNotDriveTheLevels() {
        RuleHarness h = new RuleHarness(Sites.faults("rc-1", faults(null, null, null, null, true),
                Sites.above("alarm", Severity.ALARM, 500, 450)));
        assertEquals("+DEVICE_FAULT", summary(h.feed(0xE5E5, Quality.deviceFault(0xE5E5, "short"))));
    }
}
