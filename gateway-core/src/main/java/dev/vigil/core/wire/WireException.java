package dev.vigil.core.wire;

/** A payload could not be encoded or is not a valid Vigil document; the message says which field. */
public class WireException extends RuntimeException {

    public WireException(String message, Throwable cause) {
        super(message, cause);
    }

    public WireException(String message) {
        super(message);
    }
}
