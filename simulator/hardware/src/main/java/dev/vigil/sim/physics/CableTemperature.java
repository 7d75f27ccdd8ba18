package dev.vigil.sim.physics;

import java.util.Random;

/**
 * Temperature of a cable or terminal, in degC: a first-order lag towards the steady state set by
 * the load, whose I²R heating makes the rise over ambient grow with the square of the load.
 *
 * <pre>
 * T_ss = ambient + riseAtRated * load²      (load as a fraction of rated current; 1.0 = rated)
 * dT/dt = (T_ss - T) / tau
 * </pre>
 * A loose terminal is modelled by raising {@code riseAtRated} with {@link #setExtraRise}.
 */
public final class CableTemperature implements PhysicalModel {

    private final double ambient;
    private final double riseAtRated;
    private final double tauSeconds;
    private final double noise;
    private final Random random;
    private volatile double load;
    private volatile double extraRise;
    private volatile double temperature;
    private volatile double currentNoise;

    public CableTemperature(double ambient, double riseAtRated, double tauSeconds, double initialLoad, double noise, Random random) {
        if (tauSeconds <= 0) {
            throw new IllegalArgumentException("time constant must be positive, got " + tauSeconds + " s");
        }
        this.ambient = ambient;
        this.riseAtRated = riseAtRated;
        this.tauSeconds = tauSeconds;
        this.noise = noise;
        this.random = random;
        this.load = initialLoad;
        this.temperature = steadyState();
    }

    /** Load as a fraction of the rated current (0.5 = half load, 1.3 = 30 % overload). */
    public void setLoad(double fractionOfRated) {
        if (fractionOfRated < 0) {
            throw new IllegalArgumentException("load " + fractionOfRated + " is negative");
        }
        this.load = fractionOfRated;
    }

    public double load() {
        return load;
    }

    /** Additional rise at rated load from a bad joint; 0 for a healthy cable. */
    public void setExtraRise(double degrees) {
        this.extraRise = degrees;
    }

    public double steadyState() {
        return ambient + (riseAtRated + extraRise) * load * load;
    }

    public double trueTemperature() {
        return temperature;
    }

    @Override
    public void advance(double seconds) {
        double target = steadyState();
        temperature = target + (temperature - target) * Math.exp(-seconds / tauSeconds);
        currentNoise = random.nextGaussian() * noise;
    }

    @Override
    public double getAsDouble() {
        return temperature + currentNoise;
    }
}
