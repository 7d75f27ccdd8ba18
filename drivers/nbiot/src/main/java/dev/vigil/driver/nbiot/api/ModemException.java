package dev.vigil.driver.nbiot.api;

import java.io.IOException;

/** A modem operation that failed; the message names the modem's port and the AT command. */
public class ModemException extends IOException {

    public ModemException(String message) {
        super(message);
    }

    public ModemException(String message, Throwable cause) {
        super(message, cause);
    }
}
