package dev.vigil.core.engine;

/** A one-bit signal: {@link #signal()} wakes a waiting thread, or the next wait if none is waiting. */
final class Wakeup {

    private boolean signalled;

    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Waits until signalled or {@code millis} passed; consumes the signal. */
    synchronized void await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!signalled) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        signalled = false;
    }
}
