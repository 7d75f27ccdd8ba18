package dev.vigil.core.engine;

import dev.vigil.core.model.Reading;
import dev.vigil.core.spi.ReadingSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-over from driver threads to the engine thread. When it is full the driver's
 * thread waits (backpressure slows polling) instead of a reading being dropped; only a reading
 * offered while the gateway stops is refused, and that is logged.
 */
final class ReadingQueue implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingQueue.class);

    private final BlockingQueue<Reading> queue;
    private final int capacity;
    private final AtomicLong blockedOffers = new AtomicLong();
    private volatile boolean closed;

    ReadingQueue(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void accept(Reading reading) {
        boolean warned = false;
        try {
            while (!closed) {
                if (queue.offer(reading, 1, TimeUnit.SECONDS)) {
                    return;
                }
                blockedOffers.incrementAndGet();
                if (!warned) {
                    warned = true;
                    LOG.warn("Reading queue full ({} readings): the driver delivering sensor '{}' waits until the "
                            + "engine catches up (no reading is dropped)", capacity, reading.sensorId());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("Reading of sensor '{}' acquired at {} not processed: the gateway is stopping", reading.sensorId(),
                reading.acquiredAt());
    }

    Reading poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    Reading pollNow() {
        return queue.poll();
    }

    void close() {
        closed = true;
    }

    int size() {
        return queue.size();
    }

    /** Seconds drivers spent blocked on a full queue (one count per second waited). */
    long blockedOffers() {
        return blockedOffers.get();
    }
}
