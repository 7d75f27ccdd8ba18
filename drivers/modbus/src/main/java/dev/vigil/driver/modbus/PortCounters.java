package dev.vigil.driver.modbus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What one port's client counted since start. Written by the port thread, read by health(). */
final class PortCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong answers = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong crcErrors = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong portErrors = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    /** Nanoseconds the bus was occupied by a request, its answer or the wait for it. */
    final AtomicLong busyNanos = new AtomicLong();

    void count(Outcome.Kind kind) {
        switch (kind) {
            case ANSWER -> answers.incrementAndGet();
            case REFUSED -> refusals.incrementAndGet();
            case TIMEOUT -> timeouts.incrementAndGet();
            case CRC_ERROR -> crcErrors.incrementAndGet();
            case MALFORMED -> malformed.incrementAndGet();
            case PORT_ERROR -> portErrors.incrementAndGet();
        }
    }

    /**
     * @param utilisationPercent share of the time since the last snapshot the bus was busy
     */
    Map<String, Long> snapshot(long utilisationPercent) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", requests.get());
        m.put("answers", answers.get());
        m.put("exceptions", refusals.get());
        m.put("timeouts", timeouts.get());
        m.put("crcErrors", crcErrors.get());
        m.put("malformed", malformed.get());
        m.put("portErrors", portErrors.get());
        m.put("retries", retries.get());
        m.put("writes", writes.get());
        m.put("busUtilisationPercent", utilisationPercent);
        return m;
    }
}
