package dev.vigil.core.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * A boolean condition with an on-delay and an off-delay: the debounced state follows the raw
 * state only after the raw state has stayed unchanged for the delay. A raw input that toggles
 * faster than the delay never changes the debounced state.
 */
final class DebouncedCondition {

    private final Duration onDelay;
    private final Duration offDelay;
    private boolean active;
    private boolean raw;
    private Instant rawSince;

    DebouncedCondition(Duration onDelay, Duration offDelay) {
        this.onDelay = onDelay == null ? Duration.ZERO : onDelay;
        this.offDelay = offDelay == null ? Duration.ZERO : offDelay;
    }

    /** Feeds the raw state observed at {@code now}; returns true if the debounced state changed. */
    boolean update(boolean rawNow, Instant now) {
        if (rawSince == null || rawNow != raw) {
            raw = rawNow;
            rawSince = now;
        }
        return settle(now);
    }

    /** Applies an elapsed delay without a new observation; returns true if the debounced state changed. */
    boolean settle(Instant now) {
        if (raw == active || rawSince == null) {
            return false;
        }
        Duration delay = raw ? onDelay : offDelay;
        if (!now.isBefore(rawSince.plus(delay))) {
            active = raw;
            return true;
        }
        return false;
    }

    boolean active() {
        return active;
    }

    boolean raw() {
        return raw;
    }

    /** After a restart: the alarm was active, so start from an active condition that must end to clear it. */
    void assumeActive(Instant now) {
        active = true;
        raw = true;
        rawSince = now;
    }
}
