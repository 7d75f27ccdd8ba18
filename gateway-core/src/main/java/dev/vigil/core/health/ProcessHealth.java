package dev.vigil.core.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The gateway process.
 *
 * @param heapUsedBytes heap in use
 * @param heapMaxBytes  the heap limit
 * @param startedAt     when the gateway started (engine clock)
 * @param uptime        time since then
 */
public record ProcessHealth(long heapUsedBytes, long heapMaxBytes, Instant startedAt, Duration uptime) {

    public static ProcessHealth measure(Instant startedAt, Instant now) {
        Runtime rt = Runtime.getRuntime();
        return new ProcessHealth(rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), startedAt,
                Duration.between(startedAt, now));
    }
}
