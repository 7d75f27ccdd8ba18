package dev.vigil.sim.physics;

import java.util.function.DoubleSupplier;

/**
 * A physical quantity that evolves in simulated time. {@link Physics} calls {@link #advance} in
 * fixed steps, so a run with the same seed and the same clock readings gives the same values.
 * {@link #getAsDouble()} is what a sensor measuring it would read now; it may be called from any thread.
 */
public interface PhysicalModel extends DoubleSupplier {

    /** Moves the model forward by {@code seconds} of simulated time (called from one thread only). */
    void advance(double seconds);
}
