package dev.vigil.driver.gpio;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Makes {@code gpio} drivers: smoke detector inputs and local outputs through Pi4J (see docs/gpio.md). */
public final class GpioDriverFactory implements DriverFactory {

    public static final String TYPE = "gpio";

    private final Function<GpioProvider, GpioLines> opener;
    private final Duration retryInterval;

    /** The production factory: pins through Pi4J with the provider the bus names. */
    public GpioDriverFactory() {
        this(Pi4jGpioLines::open);
    }

    /** @param opener opens the GPIO lines for a provider; tests pass a fake */
    public GpioDriverFactory(Function<GpioProvider, GpioLines> opener) {
        this(opener, GpioDriver.RETRY_INTERVAL);
    }

    /** @param retryInterval how often pins that failed to open are tried again (tests shorten it) */
    GpioDriverFactory(Function<GpioProvider, GpioLines> opener, Duration retryInterval) {
        this.opener = opener;
        this.retryInterval = retryInterval;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
        return GpioOptions.read(bus, sensors).problems();
    }

    @Override
    public Driver create(BusConfig bus, List<SensorConfig> sensors) {
        return new GpioDriver(GpioOptions.read(bus, sensors).settings(), opener, retryInterval);
    }
}
