package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import dev.vigil.core.testing.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingQueueTest {

    @Test
    void aFullQueueBlocksTheDriverInsteadOfDroppingReadings() throws Exception {
        ReadingQueue queue = new ReadingQueue(2);
        Thread driver = new Thread(() -> {
            for (int i = 0; i < 5; i++) {
                queue.accept(Reading.good("rc-1", Quantity.RESIDUAL_CURRENT, i, Instant.EPOCH));
            }
        }, "test-driver");
        driver.start();
        Waits.until(Duration.ofSeconds(2), () -> queue.size() == 2, "queue filled");
        Waits.sleepBriefly();
        assertTrue(driver.isAlive(), "the driver waits while the queue is full");
        List<Double> taken = new ArrayList<>();
        while (taken.size() < 5) {
            Reading r = queue.poll(1000);
            if (r != null) {
                taken.add(r.value());
            }
        }
        driver.join(2000);
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0), taken);
    }
}
