package dev.vigil.core.engine;

import dev.vigil.core.model.Reading;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine thread: takes readings from the queue and runs them through the processor, and
 * ticks the processor at least every tick interval so delays elapse without readings. On stop
 * it processes what is still queued and closes the open telemetry batch.
 */
final class EngineLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
    private static final int MAX_READINGS_PER_TICK = 1000;

    private final ReadingQueue queue;
    private final ReadingProcessor processor;
    private final long tickMillis;
    private volatile boolean running = true;

    EngineLoop(ReadingQueue queue, ReadingProcessor processor, Duration tickInterval) {
        this.queue = queue;
        this.processor = processor;
        this.tickMillis = Math.max(1, tickInterval.toMillis());
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                Reading reading = queue.poll(tickMillis);
                int handled = 0;
                while (reading != null) {
                    handle(reading);
                    reading = ++handled < MAX_READINGS_PER_TICK ? queue.pollNow() : null;
                }
                tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    private void handle(Reading reading) {
        try {
            processor.process(reading);
        } catch (RuntimeException e) {
            LOG.error("Bug: processing the reading of sensor '{}' failed; the reading is skipped", reading.sensorId(), e);
        }
    }

    private void tick() {
        try {
            processor.tick();
        } catch (RuntimeException e) {
            LOG.error("Bug: the engine tick failed; it runs again at the next tick", e);
        }
    }

    private void drain() {
        Reading reading;
        while ((reading = queue.pollNow()) != null) {
            handle(reading);
        }
        try {
            processor.flushTelemetry();
        } catch (RuntimeException e) {
            LOG.warn("Closing the last telemetry batch on stop failed: {}", e.toString());
        }
    }
}
