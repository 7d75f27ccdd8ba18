package dev.vigil.core.rules;

import dev.vigil.core.model.Severity;
import java.time.Duration;

/**
 * A smoke detector input: active when the reading is 1. The input must stay active for
 * {@code debounce} before the alarm is raised and stay clear as long before it clears.
 */
public record SmokeRule(Duration debounce, Severity severity, boolean latching) {
}
