package dev.vigil.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doubles_from_one_second_and_caps_at_a_minute() {
        Backoff top = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0);
        assertEquals(Duration.ofSeconds(1), top.delay(0));
        assertEquals(Duration.ofSeconds(2), top.delay(1));
        assertEquals(Duration.ofSeconds(32), top.delay(5));
        assertEquals(Duration.ofSeconds(60), top.delay(6));
        assertEquals(Duration.ofSeconds(60), top.delay(1000));
    }

    @Test
    void jitter_stays_between_half_and_all_of_the_step() {
        Backoff bottom = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        assertEquals(Duration.ofMillis(500), bottom.delay(0));
        assertEquals(Duration.ofSeconds(30), bottom.delay(40));
        Backoff random = Backoff.standard();
        for (int i = 0; i < 100; i++) {
            long ms = random.delay(3).toMillis();
            assertTrue(ms >= 4000 && ms <= 8000, ms + " ms");
        }
    }
}
