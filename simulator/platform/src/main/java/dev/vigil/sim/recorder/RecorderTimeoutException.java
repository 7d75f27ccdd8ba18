package dev.vigil.sim.recorder;

/** What a test or the demo waited for did not arrive in time; the message lists what did arrive. */
public class RecorderTimeoutException extends RuntimeException {

    public RecorderTimeoutException(String message) {
        super(message);
    }
}
