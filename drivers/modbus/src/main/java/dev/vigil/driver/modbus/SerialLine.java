package dev.vigil.driver.modbus;

import java.io.IOException;

/**
 * A serial port as the RTU client needs it. Lifecycle: {@link #open()} (may be retried after a
 * failure), then reads and writes from one thread, then {@link #close()}.
 */
public interface SerialLine extends AutoCloseable {

    /** @throws IOException naming the port and the system's error code when it cannot be opened */
    void open() throws IOException;

    boolean isOpen();

    void write(byte[] frame) throws IOException;

    /**
     * Reads what has arrived, waiting at most {@code timeoutNanos} for the first byte.
     *
     * @return bytes read, 0 when nothing arrived in time
     */
    int read(byte[] buffer, int offset, int length, long timeoutNanos) throws IOException;

    /** Discards whatever was received and not read yet. */
    void discardInput();

    @Override
    void close();

    /** The port's path, for messages. */
    String name();
}
