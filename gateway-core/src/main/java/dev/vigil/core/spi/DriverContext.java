package dev.vigil.core.spi;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** What the engine gives a driver when it starts it. */
public interface DriverContext {

    /** Where to deliver readings. */
    ReadingSink readings();

    /** The clock to stamp acquisition times with (injected, so tests control time). */
    Clock clock();

    /**
     * A scheduler owned by the engine for polling. The driver cancels what it scheduled in
     * {@link Driver#stop()}; the engine shuts the scheduler down.
     */
    ScheduledExecutorService scheduler();
}
