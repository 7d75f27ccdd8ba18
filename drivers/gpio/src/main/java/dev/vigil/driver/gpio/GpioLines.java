package dev.vigil.driver.gpio;

import java.util.function.Consumer;

/**
 * Vigil's own view of a GPIO header: inputs that report their electrical level and outputs that
 * are set to one. It is the only GPIO seam the driver uses, so Pi4J stays behind
 * {@link Pi4jGpioLines} and tests of the driver's logic can use a hand-written fake.
 * Pins are BCM numbers (the SoC's GPIO numbers, the line offsets of the header's gpiochip).
 */
public interface GpioLines extends AutoCloseable {

    /** How the pin's internal bias is set. */
    enum Pull { UP, DOWN, OFF }

    /** An open input. */
    interface InputLine {
        /** The electrical level now (true = high). */
        boolean high();
    }

    /** An open output. */
    interface OutputLine {
        /** Drives the pin high or low. @throws GpioException naming the pin when the hardware refuses */
        void set(boolean high);
    }

    /**
     * Opens an input and calls {@code onLevel} with the electrical level after every change, on a
     * thread of the GPIO library: it must return quickly.
     *
     * @param name what the pin is for, e.g. the sensor id (shown by gpioinfo as the consumer)
     * @throws GpioException naming the pin when it cannot be opened
     */
    InputLine openInput(String name, int bcm, Pull pull, Consumer<Boolean> onLevel);

    /** Opens an output at {@code initialHigh}. @throws GpioException naming the pin when it cannot be opened */
    OutputLine openOutput(String name, int bcm, boolean initialHigh);

    /** Releases every line opened. Idempotent. */
    @Override
    void close();
}
