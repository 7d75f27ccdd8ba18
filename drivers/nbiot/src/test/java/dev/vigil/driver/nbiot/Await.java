package dev.vigil.driver.nbiot;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on a condition with a deadline instead of sleeping. */
final class Await {
    private Await() {
    }

    static void until(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what + "; state: " + state.get());
            }
            Thread.sleep(20);
        }
    }
}
