package dev.vigil.driver.gpio;

/** A GPIO line could not be opened, read or driven; the message names the pin and the cause. */
public final class GpioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GpioException(String message, Throwable cause) {
        super(message, cause);
    }

    public GpioException(String message) {
        super(message);
    }
}
