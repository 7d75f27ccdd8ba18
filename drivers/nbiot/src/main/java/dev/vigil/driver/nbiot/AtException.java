package dev.vigil.driver.nbiot;

import java.io.IOException;

/** A command that did not complete with OK: it timed out, the modem said ERROR, or the port failed. */
class AtException extends IOException {

    AtException(String message) {
        super(message);
    }

    AtException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No final result within the command's timeout. */
    static final class Timeout extends AtException {
        Timeout(String message) {
            super(message);
        }
    }

    /** The modem answered ERROR or +CME ERROR:n. */
    static final class Error extends AtException {
        private final int code;

        Error(String message, int code) {
            super(message);
            this.code = code;
        }

        /** The +CME ERROR code, -1 for a plain ERROR. */
        int code() {
            return code;
        }
    }
}
