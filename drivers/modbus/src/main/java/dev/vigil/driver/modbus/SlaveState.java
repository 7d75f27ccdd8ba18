package dev.vigil.driver.modbus;

import java.time.Instant;

/** Mutable per-slave bookkeeping; written by the port thread only, read by health(). */
final class SlaveState {

    final int slave;
    final String profile;
    final long timeoutNanos;
    private volatile SlaveHealth.State state = SlaveHealth.State.UNKNOWN;
    private volatile Instant lastAnswer;
    private volatile int consecutiveFailures;
    private volatile long polls;
    private volatile long answers;
    private volatile String lastProblem;
    /** Until when a faulty slave is not polled (System.nanoTime), 0 when not held. */
    long holdUntilNanos;

    SlaveState(int slave, String profile, long timeoutNanos) {
        this.slave = slave;
        this.profile = profile;
        this.timeoutNanos = timeoutNanos;
    }

    boolean isFaulty() {
        return state == SlaveHealth.State.FAULTY;
    }

    /** @return true if the slave was faulty before */
    boolean answered(Instant at) {
        boolean wasFaulty = isFaulty();
        polls++;
        answers++;
        lastAnswer = at;
        consecutiveFailures = 0;
        holdUntilNanos = 0;
        state = SlaveHealth.State.ONLINE;
        return wasFaulty;
    }

    /** @return true if this failure made the slave faulty */
    boolean failed(String problem, int failuresToFault) {
        polls++;
        consecutiveFailures++;
        lastProblem = problem;
        boolean becameFaulty = !isFaulty() && consecutiveFailures >= failuresToFault;
        state = consecutiveFailures >= failuresToFault ? SlaveHealth.State.FAULTY : SlaveHealth.State.FAILING;
        return becameFaulty;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    SlaveHealth snapshot() {
        return new SlaveHealth(slave, profile, state, lastAnswer, consecutiveFailures, polls, answers, lastProblem);
    }
}
