package dev.vigil.core.alarm;

/**
 * Hands out the gateway-wide alarm sequence: strictly increasing, without gaps, resuming after
 * the last sequence the outbox holds. A number is handed out when an event is created; events
 * are committed strictly in creation order and a failed commit is retried with the same number,
 * so no number is ever skipped.
 */
public final class AlarmSequencer {

    private long last;

    public AlarmSequencer(long lastCommitted) {
        if (lastCommitted < 0) {
            throw new IllegalArgumentException("last alarm sequence must be >= 0, was " + lastCommitted);
        }
        this.last = lastCommitted;
    }

    long next() {
        return ++last;
    }

    public long last() {
        return last;
    }
}
