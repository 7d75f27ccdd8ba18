package dev.vigil.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on conditions with a deadline, for tests of the threaded pipeline. */
public final class Waits {

    private Waits() {
    }

    public static void until(Duration deadline, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** Lets background threads run a few rounds when a test must show that something does NOT happen. */
    public static void sleepBriefly() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
