package dev.vigil.core.rules;

import dev.vigil.core.model.Reading;
import java.time.Instant;

/** The last value an evaluator saw, so changes decided on a tick can still name a value and its time. */
final class LastValue {

    private double value = Double.NaN;
    private Instant acquiredAt;

    void remember(Reading reading) {
        value = reading.value();
        acquiredAt = reading.acquiredAt();
    }

    double value() {
        return value;
    }

    Instant acquiredAtOr(Instant fallback) {
        return acquiredAt == null ? fallback : acquiredAt;
    }
}
