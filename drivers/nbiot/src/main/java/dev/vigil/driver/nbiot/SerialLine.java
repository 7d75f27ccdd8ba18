package dev.vigil.driver.nbiot;

import java.io.IOException;

/**
 * The byte pipe to the modem: the seam between the AT engine and jSerialComm, so the engine is
 * unit-tested against a hand-written fake line and integration-tested on a real pseudo-terminal.
 */
interface SerialLine extends AutoCloseable {

    /** The port's name for errors and logs, e.g. /dev/ttyUSB0. */
    String name();

    /** Reads what has arrived, waiting up to about 100 ms: the count read, 0 if nothing came. */
    int read(byte[] buffer) throws IOException;

    void write(byte[] data) throws IOException;

    /** Throws away whatever the modem sent and nobody read yet. */
    void discardInput();

    @Override
    void close();
}
