package dev.vigil.sim.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PhysicsTest {
    private static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");

    @Test
    void the_same_seed_replays_a_run_exactly_however_the_clock_is_ticked() {
        double[] fine = run(42, Duration.ofMillis(100));
        double[] coarse = run(42, Duration.ofSeconds(7));
        assertArrayEquals(fine, coarse);
        assertFalse(Arrays.equals(fine, run(43, Duration.ofMillis(100))), "another seed gives another run");
    }

    /** Samples a residual current every 70 s for 20 minutes, ticking the clock in {@code tickSize} steps. */
    private static double[] run(long seed, Duration tickSize) {
        MutableClock clock = new MutableClock(T0);
        Physics physics = new Physics(clock, seed);
        ResidualCurrent rc = physics.add(new ResidualCurrent(150, 0.5, 2, physics.randomFor("rcm-1/loop1")));
        double[] samples = new double[17];
        Instant next = T0;
        for (int i = 0; i < samples.length; i++) {
            next = next.plusSeconds(70);
            while (clock.instant().isBefore(next)) {
                clock.advance(tickSize.compareTo(Duration.between(clock.instant(), next)) < 0 ? tickSize : Duration.between(clock.instant(), next));
                physics.tick();
            }
            samples[i] = rc.getAsDouble();
        }
        return samples;
    }

    @Test
    void water_ramps_up_while_rain_beats_the_drain_and_drains_after() {
        MutableClock clock = new MutableClock(T0);
        Physics physics = new Physics(clock, 1, Duration.ofSeconds(1));
        WaterLevel point = physics.add(new WaterLevel(0, 10, 20, 0.0, physics.randomFor("flood-a")));
        point.setRain(40); // 40 cm/h inflow against 20 cm/h drain capacity
        advance(clock, physics, Duration.ofMinutes(30));
        double afterRain = point.depthCm();
        assertTrue(afterRain > 8 && afterRain < 12, "about +20 cm/h net once the drain runs full: " + afterRain);
        advance(clock, physics, Duration.ofMinutes(15));
        assertTrue(point.depthCm() > afterRain + 4, "still rising while it rains");

        point.setRain(0);
        double peak = point.depthCm();
        advance(clock, physics, Duration.ofMinutes(15));
        assertTrue(point.depthCm() < peak - 4, "drains at the drain's capacity");
        advance(clock, physics, Duration.ofHours(2));
        assertTrue(point.depthCm() < 1.0, "road dry again: " + point.depthCm());

        point.setRain(40);
        point.setDrainBlocked(true);
        advance(clock, physics, Duration.ofMinutes(30));
        assertEquals(20.0, point.depthCm(), 0.5, "a blocked drain lets all 40 cm/h collect");
    }

    @Test
    void residual_current_drifts_around_its_baseline_and_steps_on_an_insulation_fault() {
        MutableClock clock = new MutableClock(T0);
        Physics physics = new Physics(clock, 7);
        ResidualCurrent rc = physics.add(new ResidualCurrent(150, 0.3, 3, physics.randomFor("rc")));
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < 600; i++) {
            advance(clock, physics, Duration.ofSeconds(1));
            double v = rc.getAsDouble();
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(150, sum / 600, 15, "mean near the natural leakage");
        assertTrue(max - min > 5, "it moves: " + min + ".." + max);
        assertTrue(max < 250, "but stays well under a 300 mA alarm value: " + max);

        rc.stepFault(350);
        advance(clock, physics, Duration.ofSeconds(1));
        assertTrue(rc.getAsDouble() > 400, "fault step shows at once: " + rc.getAsDouble());
        rc.clearFault();
        advance(clock, physics, Duration.ofSeconds(1));
        assertTrue(rc.getAsDouble() < 250);
    }

    @Test
    void cable_temperature_follows_load_with_its_time_constant() {
        MutableClock clock = new MutableClock(T0);
        Physics physics = new Physics(clock, 3);
        CableTemperature cable = physics.add(new CableTemperature(25, 40, 600, 0.5, 0.0, physics.randomFor("cable")));
        assertEquals(35, cable.trueTemperature(), 1e-9, "starts settled: 25 + 40 x 0.5²");

        cable.setLoad(1.5); // steady state 25 + 40 x 2.25 = 115 degC
        advance(clock, physics, Duration.ofSeconds(600));
        double oneTau = cable.trueTemperature();
        assertEquals(35 + 0.632 * 80, oneTau, 1.0, "63 % of the step after one time constant");
        advance(clock, physics, Duration.ofSeconds(2400));
        assertEquals(115, cable.trueTemperature(), 2.0);

        cable.setLoad(0);
        advance(clock, physics, Duration.ofSeconds(600));
        assertEquals(25 + 0.368 * 90, cable.trueTemperature(), 2.0, "cools with the same time constant");
    }

    private static void advance(MutableClock clock, Physics physics, Duration d) {
        clock.advance(d);
        physics.tick();
    }
}
