package dev.vigil.sim.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.exception.IOException;
import java.nio.file.Path;

/**
 * Pi4J 2 plugin (found through ServiceLoader like every Pi4J plugin) that provides digital inputs
 * and outputs backed by the Vigil hardware simulator. Select it with the provider ids
 * {@value #INPUT_PROVIDER} / {@value #OUTPUT_PROVIDER}; the simulator's socket is taken from
 * {@code -Dvigil.sim.gpio.socket}, {@code $VIGIL_SIM_GPIO_SOCKET} or /tmp/vigil-sim/gpio.sock, and
 * connected on the first pin created.
 */
public final class VigilSimGpioPlugin implements Plugin {

    public static final String INPUT_PROVIDER = "vigil-sim-digital-input";
    public static final String OUTPUT_PROVIDER = "vigil-sim-digital-output";

    private SimGpioConnection connection;

    @Override
    public void initialize(PluginService service) {
        service.register(new InputProvider(), new OutputProvider());
    }

    @Override
    public void shutdown(Context context) throws ShutdownException {
        synchronized (this) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    private synchronized SimGpioConnection connection() {
        if (connection == null) {
            Path socket = SimGpioConnection.configuredSocket();
            try {
                connection = SimGpioConnection.open(socket);
            } catch (java.io.IOException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return connection;
    }

    private final class InputProvider extends DigitalInputProviderBase {
        InputProvider() {
            super(INPUT_PROVIDER, "Vigil simulator digital input");
        }

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            SimDigitalInput input = new SimDigitalInput(this, config, connection());
            context.registry().add(input);
            return input;
        }

        @Override
        public int getPriority() {
            return -100; // never chosen over real hardware unless asked for by id
        }
    }

    private final class OutputProvider extends DigitalOutputProviderBase {
        OutputProvider() {
            super(OUTPUT_PROVIDER, "Vigil simulator digital output");
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            SimDigitalOutput output = new SimDigitalOutput(this, config, connection());
            context.registry().add(output);
            return output;
        }

        @Override
        public int getPriority() {
            return -100;
        }
    }
}
