package dev.vigil.core.wire;

import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import java.util.Objects;

/** One reading as it travels in a telemetry batch: the reading plus where its sensor is. */
public record TelemetryReading(Reading reading, Place place) {

    public TelemetryReading {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(place, "place");
    }

    public Quality quality() {
        return reading.quality();
    }
}
