package dev.vigil.core.rules;

import dev.vigil.core.model.Severity;
import java.time.Duration;

/**
 * Raises when the value rose by more than {@code perMinute} per minute, measured over
 * {@code window}, for at least {@code onDelay}.
 */
public record RateOfRiseRule(double perMinute, Duration window, Severity severity, Duration onDelay) {
}
