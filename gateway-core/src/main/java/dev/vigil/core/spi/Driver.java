package dev.vigil.core.spi;

import dev.vigil.core.health.DriverHealth;
import java.util.Map;

/**
 * One running southbound bus. Lifecycle: created by its {@link DriverFactory}, then
 * {@link #start} once, then {@link #stop} once. Neither blocks for I/O: a port that cannot be
 * opened is reported through {@link #health()} and retried by the driver, never thrown.
 */
public interface Driver {

    void start(DriverContext context);

    /** Stops polling and releases every port, pin and thread the driver opened. Idempotent. */
    void stop();

    DriverHealth health();

    /**
     * The local outputs (siren, relay, LED) this driver's bus offers, by output id; available right
     * after {@link DriverFactory#create}, before {@link #start}. Most drivers have none.
     */
    default Map<String, OutputPort> outputs() {
        return Map.of();
    }
}
