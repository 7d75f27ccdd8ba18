package dev.vigil.sim.physics;

import java.util.Random;

/**
 * Residual (leakage) current of a final circuit, in mA: a natural leakage that drifts slowly as a
 * mean-reverting random walk (humidity, appliances switching), plus measurement noise, plus a step
 * while an insulation fault is present. GB 50116-2013 9.2.3 puts natural leakage at 100-200 mA.
 */
public final class ResidualCurrent implements PhysicalModel {

    private static final double REVERSION_PER_SECOND = 1.0 / 600; // drifts back over ~10 min

    private final double baselineMa;
    private final double driftMaPerSqrtSecond;
    private final double noiseMa;
    private final Random random;
    private volatile double drift;
    private volatile double faultStepMa;
    private volatile double noise;

    public ResidualCurrent(double baselineMa, double driftMaPerSqrtSecond, double noiseMa, Random random) {
        this.baselineMa = baselineMa;
        this.driftMaPerSqrtSecond = driftMaPerSqrtSecond;
        this.noiseMa = noiseMa;
        this.random = random;
    }

    /** An insulation fault adds {@code ma} of leakage until {@link #clearFault()}. */
    public void stepFault(double ma) {
        this.faultStepMa = ma;
    }

    public void clearFault() {
        this.faultStepMa = 0;
    }

    public double faultStep() {
        return faultStepMa;
    }

    @Override
    public void advance(double seconds) {
        drift += -drift * REVERSION_PER_SECOND * seconds + driftMaPerSqrtSecond * Math.sqrt(seconds) * random.nextGaussian();
        noise = random.nextGaussian() * noiseMa;
    }

    @Override
    public double getAsDouble() {
        return Math.max(0, baselineMa + drift + faultStepMa + noise);
    }
}
