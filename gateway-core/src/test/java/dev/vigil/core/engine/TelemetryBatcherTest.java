package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.model.Quantity;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.testing.OutboxContents;
import dev.vigil.core.testing.Sites;
import dev.vigil.core.wire.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryBatcherTest {

    private final ProcessorHarness h = new ProcessorHarness(Sites.site(
            List.of(Sites.levels("rc-1", Quantity.RESIDUAL_CURRENT)), 3, Duration.ofSeconds(10)));

    private List<TelemetryBatch> batches() {
        return OutboxContents.telemetry(h.outbox.entries(Lane.TELEMETRY));
    }

    @Test
    void aBatchClosesAtItsReadingLimitWithGaplessSequences() {
        for (int i = 0; i < 7; i++) {
            h.feed("rc-1", 100 + i);
        }
        List<TelemetryBatch> batches = batches();
        assertEquals(List.of(1L, 2L), batches.stream().map(TelemetryBatch::sequence).toList());
        assertEquals(List.of(3, 3), batches.stream().map(b -> b.readings().size()).toList());
        assertEquals(100.0, batches.get(0).readings().get(0).reading().value());
        assertEquals(Sites.place("r-rc-1"), batches.get(0).readings().get(0).place());
    }

    @Test
    void aBatchClosesWhenItsFirstReadingIsOldEnoughAndKeepsAcquisitionTimes() {
        Instant acquired = h.clock.instant();
        h.feed("rc-1", 100);
        h.afterSeconds(9);
        assertEquals(List.of(), batches());
        h.afterSeconds(1);
        assertEquals(1, batches().size());
        assertEquals(acquired, batches().get(0).readings().get(0).reading().acquiredAt());
    }

    @Test
    void telemetrySequenceResumesAfterRestart() {
        for (int i = 0; i < 3; i++) {
            h.feed("rc-1", i);
        }
        ProcessorHarness after = h.restart(h.site);
        for (int i = 0; i < 3; i++) {
            after.feed("rc-1", i);
        }
        assertEquals(List.of(1L, 2L), OutboxContents.telemetry(after.outbox.entries(Lane.TELEMETRY)).stream()
                .map(TelemetryBatch::sequence).toList());
    }

    @Test
    void flushClosesTheOpenBatchOnStop() {
        h.feed("rc-1", 1);
        h.processor.flushTelemetry();
        assertEquals(1, batches().size());
    }
}
