package dev.vigil.driver.modbus;

import java.time.Instant;

/**
 * What the driver knows about one slave.
 *
 * @param slave               unit address
 * @param profile             its device profile
 * @param state               see {@link State}
 * @param lastAnswer          when it last answered (driver clock), or null
 * @param consecutiveFailures polls in a row without an answer
 * @param polls               polls since start (retries not counted)
 * @param answers             polls it answered
 * @param lastProblem         why the last failed poll failed, or null
 */
public record SlaveHealth(int slave, String profile, State state, Instant lastAnswer, int consecutiveFailures, long polls,
        long answers, String lastProblem) {

    public enum State {
        /** Not polled yet. */
        UNKNOWN,
        /** Answered its last poll. */
        ONLINE,
        /** Missed its last poll(s), not yet often enough to be marked faulty. */
        FAILING,
        /** Missed failuresToFault polls in a row: polled with backoff, its readings are BAD. */
        FAULTY
    }
}
