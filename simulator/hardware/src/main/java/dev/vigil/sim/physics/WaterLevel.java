package dev.vigil.sim.physics;

import java.util.Random;

/**
 * Water depth at a flood point (road dip, underpass, pit), in cm. Rain on the catchment flows in;
 * the drain inlet takes water away up to its capacity, so the level ramps up while rain exceeds
 * the drain and ramps down at the drain's rate afterwards. A blocked drain takes nothing.
 *
 * <pre>
 * d(depth)/dt = rain[mm/h] / 10 * catchment  -  drainCapacity * (1 - exp(-depth / 2 cm))     [cm/h]
 * </pre>
 * The reading adds gaussian measurement noise of {@code noiseCm} (sampled per step, so it is
 * reproducible).
 */
public final class WaterLevel implements PhysicalModel {

    private final double catchment;
    private final double drainCapacityCmPerHour;
    private final double noiseCm;
    private final Random random;
    private volatile double rainMmPerHour;
    private volatile boolean drainBlocked;
    private volatile double depthCm;
    private volatile double noise;

    /**
     * @param catchment              catchment area / ponding area (how many times the rain depth collects here)
     * @param drainCapacityCmPerHour how fast the drain lowers the water when running full
     */
    public WaterLevel(double initialDepthCm, double catchment, double drainCapacityCmPerHour, double noiseCm, Random random) {
        this.depthCm = Math.max(0, initialDepthCm);
        this.catchment = catchment;
        this.drainCapacityCmPerHour = drainCapacityCmPerHour;
        this.noiseCm = noiseCm;
        this.random = random;
    }

    public void setRain(double mmPerHour) {
        if (mmPerHour < 0) {
            throw new IllegalArgumentException("rain rate " + mmPerHour + " mm/h is negative");
        }
        this.rainMmPerHour = mmPerHour;
    }

    public double rain() {
        return rainMmPerHour;
    }

    public void setDrainBlocked(boolean blocked) {
        this.drainBlocked = blocked;
    }

    /** The true depth, without measurement noise. */
    public double depthCm() {
        return depthCm;
    }

    @Override
    public void advance(double seconds) {
        double hours = seconds / 3600.0;
        double inflow = rainMmPerHour / 10.0 * catchment;
        double outflow = drainBlocked ? 0 : drainCapacityCmPerHour * (1 - Math.exp(-depthCm / 2.0));
        depthCm = Math.max(0, depthCm + (inflow - outflow) * hours);
        noise = random.nextGaussian() * noiseCm;
    }

    @Override
    public double getAsDouble() {
        return depthCm + noise;
    }
}
