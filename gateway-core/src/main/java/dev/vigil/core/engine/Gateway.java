package dev.vigil.core.engine;

import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.time.Clock;
import java.util.Map;

// STUB (osgi branch only) until the engine helper's Gateway lands in main; replaced on merge.
public class Gateway implements AutoCloseable {
    public Gateway(SiteConfig config, Outbox outbox, Map<String, DriverFactory> driversByType,
            Map<String, UplinkFactory> uplinksByType, Clock clock) {
    }

    public void start() {
    }

    @Override
    public void close() {
    }

    public GatewayHealth health() {
        return new GatewayHealth();
    }

    public boolean acknowledge(String alarmId, String by) {
        return false;
    }
}
