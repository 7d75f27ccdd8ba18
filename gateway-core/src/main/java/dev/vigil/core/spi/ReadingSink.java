package dev.vigil.core.spi;

import dev.vigil.core.model.Reading;

/** Where a driver hands its readings. Thread-safe and fast: it only queues. */
@FunctionalInterface
public interface ReadingSink {
    void accept(Reading reading);
}
