package dev.vigil.sim.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import java.io.IOException;

/** A Pi4J digital input whose level comes from the simulator; changes reach listeners through dispatch(). */
final class SimDigitalInput extends DigitalInputBase {

    private final SimGpioConnection connection;
    private volatile DigitalState state = DigitalState.UNKNOWN;

    SimDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, SimGpioConnection connection) {
        super(provider, config);
        this.connection = connection;
    }

    @Override
    public DigitalInput initialize(Context context) throws InitializeException {
        super.initialize(context);
        try {
            state = DigitalState.getState(connection.watch(address().intValue(), this::levelChanged));
        } catch (IOException e) {
            throw new InitializeException("simulated GPIO " + address() + " (" + id() + "): " + e.getMessage());
        }
        return this;
    }

    private void levelChanged(boolean high) {
        DigitalState next = DigitalState.getState(high);
        if (next != state) {
            state = next;
            dispatch(new DigitalStateChangeEvent<>(this, next));
        }
    }

    @Override
    public DigitalState state() {
        return state;
    }

    @Override
    public DigitalInput shutdown(Context context) throws ShutdownException {
        connection.unwatch(address().intValue());
        return super.shutdown(context);
    }
}
