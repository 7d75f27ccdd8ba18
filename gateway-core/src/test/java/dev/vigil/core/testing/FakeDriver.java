package dev.vigil.core.testing;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.model.Reading;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.DriverFactory;
import java.util.List;
import java.util.Map;

/** A driver whose readings the test pushes by hand through the engine's real reading sink. */
public final class FakeDriver implements Driver {

    private final String busId;
    private volatile DriverContext context;
    private volatile boolean stopped;

    public FakeDriver(String busId) {
        this.busId = busId;
    }

    @Override
    public void start(DriverContext context) {
        this.context = context;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    public void deliver(Reading reading) {
        context.readings().accept(reading);
    }

    public DriverContext context() {
        return context;
    }

    @Override
    public DriverHealth health() {
        return new DriverHealth(busId, "fake", ComponentStatus.online("fake bus"), Map.of("requests", 1L), Map.of());
    }

    public static DriverFactory factory(FakeDriver driver) {
        return new DriverFactory() {
            @Override
            public String type() {
                return "fake";
            }

            @Override
            public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
                return List.of();
            }

            @Override
            public Driver create(BusConfig bus, List<SensorConfig> sensors) {
                return driver;
            }
        };
    }
}
