package dev.vigil.sim.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;

/** A Pi4J digital output whose every level change is sent to, and recorded by, the simulator. */
final class SimDigitalOutput extends DigitalOutputBase {

    private final SimGpioConnection connection;

    SimDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, SimGpioConnection connection) {
        super(provider, config);
        this.connection = connection;
    }

    @Override
    public DigitalOutput state(DigitalState state) throws IOException {
        if (state != DigitalState.UNKNOWN) {
            try {
                connection.set(address().intValue(), state.isHigh());
            } catch (java.io.IOException e) {
                throw new IOException("simulated GPIO " + address() + " (" + id() + "): " + e.getMessage(), e);
            }
        }
        return super.state(state);
    }
}
