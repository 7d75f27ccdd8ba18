package dev.vigil.sim.scenario;

/** A scenario file that cannot be run; the message starts with file:line. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
