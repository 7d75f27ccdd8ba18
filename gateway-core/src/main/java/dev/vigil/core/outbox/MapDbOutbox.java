package dev.vigil.core.outbox;

import dev.vigil.core.config.OutboxConfig;
import java.time.Clock;

// STUB (osgi branch only) until the outbox helper's MapDbOutbox lands in main; replaced on merge.
public abstract class MapDbOutbox implements Outbox {
    public static MapDbOutbox open(OutboxConfig config, Clock clock) {
        throw new OutboxException("MapDbOutbox not built yet: " + config.directory());
    }
}
