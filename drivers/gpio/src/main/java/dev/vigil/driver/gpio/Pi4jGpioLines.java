package dev.vigil.driver.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;
import com.pi4j.platform.Platform;
import com.pi4j.provider.Provider;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GpioLines} on Pi4J 2.8: one Pi4J context per bus holding only the chosen provider's plugin,
 * and inputs/outputs created with that provider's ids. Pi4J's own debounce is left at its default;
 * the driver debounces in software so the behaviour is the same on every provider.
 *
 * <p>The plugins are found here with {@code ServiceLoader}, not by Pi4J's auto-detection: auto-detection
 * initialises every plugin on the classpath and fails the whole context when one cannot start (the
 * gpiod provider on a machine without a GPIO chip), and under OSGi only this bundle carries the
 * {@code SPI-Consumer} header that lets Aries SPI Fly show it the plugin bundles (see bnd.bnd).
 */
public final class Pi4jGpioLines implements GpioLines {

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jGpioLines.class);

    private final Context pi4j;
    private final GpioProvider provider;
    private final Plugin plugin;
    private final List<String> opened = new ArrayList<>();
    private boolean closed;

    private Pi4jGpioLines(Context pi4j, GpioProvider provider, Plugin plugin) {
        this.pi4j = pi4j;
        this.provider = provider;
        this.plugin = plugin;
    }

    /** @throws GpioException when Pi4J cannot start or the provider's plugin is not on the classpath */
    public static Pi4jGpioLines open(GpioProvider provider) {
        List<String> available = new ArrayList<>();
        List<Provider> chosen = null;
        Plugin chosenPlugin = null;
        for (Plugin plugin : plugins()) {
            List<Provider> registered = providersOf(plugin);
            List<String> ids = registered.stream().map(Provider::id).toList();
            available.addAll(ids);
            if (chosen == null && ids.contains(provider.inputProviderId()) && ids.contains(provider.outputProviderId())) {
                chosen = registered;
                chosenPlugin = plugin;
            }
        }
        if (chosen == null) {
            throw new GpioException("Pi4J providers '" + provider.inputProviderId() + "'/'" + provider.outputProviderId()
                    + "' (provider: " + provider.siteName() + ") are not installed; available providers: "
                    + new TreeSet<>(available) + ". Install the Pi4J 2.8 plugin for it (pi4j-plugin-gpiod on a board,"
                    + " vigil-sim-pi4j for the simulator)");
        }
        Context context;
        try {
            context = Pi4J.newContextBuilder().noAutoDetect().add(chosen.toArray(Provider[]::new)).build();
        } catch (RuntimeException e) {
            throw new GpioException("Pi4J could not start with provider " + provider.siteName() + ": " + e.getMessage(), e);
        }
        return new Pi4jGpioLines(context, provider, chosenPlugin);
    }

    /** The Pi4J plugins visible to this class (woven by SPI Fly under OSGi); a broken one is skipped, not fatal. */
    private static List<Plugin> plugins() {
        List<Plugin> plugins = new ArrayList<>();
        var iterator = ServiceLoader.load(Plugin.class).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return plugins;
                }
                plugins.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("A Pi4J plugin could not be loaded and is skipped: {}", e.toString());
            }
        }
    }

    /** The providers a plugin registers; creating them starts no hardware (that happens in Provider.initialize). */
    private static List<Provider> providersOf(Plugin plugin) {
        List<Provider> providers = new ArrayList<>();
        try {
            plugin.initialize(new PluginService() {
                @Override
                public Context context() {
                    return null;
                }

                @Override
                public PluginService register(Provider... registered) {
                    providers.addAll(List.of(registered));
                    return this;
                }

                @Override
                public PluginService register(Platform... platforms) {
                    return this;
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Pi4J plugin {} could not list its providers and is skipped: {}", plugin.getClass().getName(), e.toString());
            return List.of();
        }
        return providers;
    }

    @Override
    public synchronized InputLine openInput(String name, int bcm, Pull pull, Consumer<Boolean> onLevel) {
        String id = lineId("in", bcm);
        forgetFailed(id);
        DigitalInput input;
        try {
            input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(name).address(bcm)
                    .pull(pull(pull)).provider(provider.inputProviderId()));
        } catch (RuntimeException e) {
            throw new GpioException("GPIO " + bcm + " (" + name + ") could not be opened as an input through "
                    + provider.inputProviderId() + ": " + e.getMessage(), e);
        }
        opened.add(id);
        input.addListener((DigitalStateChangeEvent e) -> {
            if (e.state() != DigitalState.UNKNOWN) {
                onLevel.accept(e.state().isHigh());
            }
        });
        return () -> input.state().isHigh();
    }

    @Override
    public synchronized OutputLine openOutput(String name, int bcm, boolean initialHigh) {
        String id = lineId("out", bcm);
        forgetFailed(id);
        DigitalOutput output;
        try {
            output = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).name(name).address(bcm)
                    .initial(initialHigh ? DigitalState.HIGH : DigitalState.LOW).provider(provider.outputProviderId()));
            // Pi4J applies "initial" only on some providers; drive it explicitly so the level is known.
            output.state(initialHigh ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            throw new GpioException("GPIO " + bcm + " (" + name + ") could not be opened as an output through "
                    + provider.outputProviderId() + ": " + e.getMessage(), e);
        }
        opened.add(id);
        return high -> {
            try {
                output.state(high ? DigitalState.HIGH : DigitalState.LOW);
            } catch (RuntimeException e) {
                throw new GpioException("GPIO " + bcm + " (" + name + ") could not be driven " + (high ? "high" : "low")
                        + ": " + e.getMessage(), e);
            }
        };
    }

    /** A create that failed half-way may have left its id in Pi4J's registry; a retry must not collide with it. */
    private void forgetFailed(String id) {
        if (!opened.contains(id) && pi4j.registry().exists(id)) {
            try {
                pi4j.registry().remove(id);
            } catch (RuntimeException e) {
                LOG.debug("Removing half-created {} from the Pi4J registry failed: {}", id, e.toString());
            }
        }
    }

    private static String lineId(String direction, int bcm) {
        return "vigil-" + direction + "-" + bcm;
    }

    private static PullResistance pull(Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownQuietly(pi4j);
        try {
            plugin.shutdown(pi4j); // the context shut down the providers; the plugin may hold more (the simulator's socket)
        } catch (Exception e) {
            LOG.debug("Pi4J plugin shutdown failed: {}", e.toString());
        }
    }

    private static void shutdownQuietly(Context context) {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            LOG.warn("Pi4J shutdown failed: {}; the GPIO lines are released when the process exits", e.toString());
        }
    }
}
