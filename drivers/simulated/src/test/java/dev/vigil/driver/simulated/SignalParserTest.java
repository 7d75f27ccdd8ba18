package dev.vigil.driver.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignalParserTest {

    private static double at(Signal s, String time) {
        return s.valueAt(DurationText.parse(time));
    }

    @Test
    void constant_is_the_same_at_every_time() {
        Signal s = SignalParser.parse("constant 21.5");
        assertEquals(21.5, at(s, "0s"));
        assertEquals(21.5, at(s, "1h"));
    }

    @Test
    void steps_hold_each_value_from_its_time() {
        Signal s = SignalParser.parse("steps 0s:120 10s:260 14s:560");
        assertEquals(120, at(s, "0s"));
        assertEquals(120, at(s, "9999ms"));
        assertEquals(260, at(s, "10s"));
        assertEquals(260, at(s, "13900ms"));
        assertEquals(560, at(s, "14s"));
        assertEquals(560, at(s, "10m"));
    }

    @Test
    void steps_starting_late_hold_the_first_value_before_it() {
        assertEquals(5, at(SignalParser.parse("steps 3s:5 6s:9"), "1s"));
    }

    @Test
    void ramp_interpolates_linearly_and_holds_the_last_value() {
        Signal s = SignalParser.parse("ramp 0s:0 20s:30");
        assertEquals(0, at(s, "0s"));
        assertEquals(15, at(s, "10s"), 1e-9);
        assertEquals(7.5, at(s, "5s"), 1e-9);
        assertEquals(30, at(s, "20s"));
        assertEquals(30, at(s, "1m"));
    }

    @Test
    void ramp_with_several_segments_follows_each() {
        Signal s = SignalParser.parse("ramp 0s:100 10s:200 20s:100");
        assertEquals(150, at(s, "5s"), 1e-9);
        assertEquals(150, at(s, "15s"), 1e-9);
    }

    @Test
    void square_is_low_for_the_first_half_of_each_period() {
        Signal s = SignalParser.parse("square 0 1 2s");
        assertEquals(0, at(s, "0s"));
        assertEquals(0, at(s, "999ms"));
        assertEquals(1, at(s, "1s"));
        assertEquals(1, at(s, "1999ms"));
        assertEquals(0, at(s, "2s"));
        assertEquals(1, at(s, "3500ms"));
    }

    @Test
    void bad_signals_say_what_is_expected() {
        assertMessage("unknown signal 'sine'", "sine 1 2");
        assertMessage("not TIME:VALUE", "steps 0s:1 10s");
        assertMessage("not later than the one before it", "ramp 0s:0 10s:5 5s:7");
        assertMessage("'abc' is not a number", "constant abc");
        assertMessage("'square LOW HIGH PERIOD' takes 3 value(s), got 2", "square 0 1");
        assertMessage("'2x' is not a duration", "square 0 1 2x");
        assertMessage("signal is empty", "  ");
        assertMessage("needs at least one TIME:VALUE point", "ramp");
    }

    @Test
    void durations_accept_the_site_file_units() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1500ms"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
    }

    private static void assertMessage(String expected, String signal) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalParser.parse(signal));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }
}
