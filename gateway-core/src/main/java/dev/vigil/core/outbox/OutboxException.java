package dev.vigil.core.outbox;

/** The outbox could not make something durable or read it back; the message names the file. */
public class OutboxException extends RuntimeException {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboxException(String message) {
        super(message);
    }
}
