package dev.vigil.driver.gpio;

import dev.vigil.core.spi.OutputPort;

/**
 * An output (siren, relay, LED) the engine switches. It remembers the wanted state, so the engine
 * can switch it before the pin is open (at start, or while opening failed); the state is applied
 * when the pin opens.
 */
final class GpioOutputPort implements OutputPort {

    private final OutputSettings settings;
    private boolean wantedOn;
    private GpioLines.OutputLine line;
    private long switches;

    GpioOutputPort(OutputSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public synchronized void set(boolean on) {
        wantedOn = on;
        if (line != null) {
            line.set(on == settings.activeHigh());
            switches++;
        }
    }

    /** Opens the pin at the wanted state. @throws GpioException naming the pin */
    synchronized void open(GpioLines lines) {
        line = lines.openOutput(settings.id(), settings.pin(), wantedOn == settings.activeHigh());
    }

    synchronized boolean isOpen() {
        return line != null;
    }

    synchronized boolean wantedOn() {
        return wantedOn;
    }

    synchronized long switches() {
        return switches;
    }

    OutputSettings settings() {
        return settings;
    }

    /** Switches the output off and forgets the pin (clean stop: no siren left sounding by a stopped gateway). */
    synchronized void close() {
        if (line != null) {
            try {
                line.set(!settings.activeHigh());
            } finally {
                line = null;
            }
        }
    }
}
