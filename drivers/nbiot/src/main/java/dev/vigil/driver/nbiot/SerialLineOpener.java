package dev.vigil.driver.nbiot;

import java.io.IOException;

/** Opens the modem's port; {@code JSerialCommLine::open} in the gateway. */
@FunctionalInterface
interface SerialLineOpener {
    SerialLine open(String port, int baud) throws IOException;
}
