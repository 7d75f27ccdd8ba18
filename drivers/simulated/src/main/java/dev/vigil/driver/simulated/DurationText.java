package dev.vigil.driver.simulated;

import dev.vigil.core.config.Durations;
import java.time.Duration;

/** The site file's durations ({@link Durations}), failing with a message that names the text. */
final class DurationText {

    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the text and the expected form */
    static Duration parse(String text) {
        return Durations.parse(text == null ? "" : text)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a duration; expected " + Durations.EXPECTED));
    }
}
