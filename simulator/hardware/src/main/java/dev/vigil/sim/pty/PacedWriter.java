package dev.vigil.sim.pty;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Releases bytes to a pty at a serial line's character rate: each character when its stop bit
 * would have reached the other end. After a late wake-up the characters already due go out
 * together, so scheduling jitter does not accumulate over a frame.
 */
public final class PacedWriter {

    private final PseudoTerminal pty;
    private final long charNanos;
    private long wireFreeAt;

    public PacedWriter(PseudoTerminal pty, long charNanos) {
        this.pty = pty;
        this.charNanos = charNanos;
    }

    /**
     * Sends {@code bytes} starting at {@code startNanos} or, if the line is still busy with an
     * earlier transmission, right after it.
     *
     * @return when the last character was released ({@link System#nanoTime()}), 0 if the pty closed meanwhile
     */
    public synchronized long transmit(byte[] bytes, int length, long startNanos) throws IOException {
        long start = Math.max(startNanos, wireFreeAt);
        int sent = 0;
        while (sent < length) {
            if (pty.isClosed()) {
                return 0;
            }
            long now = System.nanoTime();
            long nextDue = start + (sent + 1) * charNanos;
            if (now < nextDue) {
                LockSupport.parkNanos(nextDue - now);
                continue;
            }
            int due = (int) Math.min(length, (now - start) / charNanos);
            pty.write(bytes, sent, due - sent);
            sent = due;
        }
        wireFreeAt = start + length * charNanos;
        return System.nanoTime();
    }
}
