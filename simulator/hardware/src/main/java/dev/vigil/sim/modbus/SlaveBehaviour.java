package dev.vigil.sim.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * How a slave answers on the wire: normally, or with one of the faults field buses suffer from.
 *
 * @param mode  what the slave does with a request addressed to it
 * @param delay extra turnaround for {@link Mode#LATE}
 */
public record SlaveBehaviour(Mode mode, Duration delay) {

    public enum Mode {
        /** Answers correctly after its turnaround. */
        NORMAL,
        /** Never answers (dead slave, wrong address setting, broken A/B pair to this slave). */
        SILENT,
        /** Answers correctly but {@code delay} later than normal. */
        LATE,
        /** Answers with the right bytes but a wrong CRC (noise on a long stub). */
        BAD_CRC,
        /** Answers with random bytes of random length (baud mismatch, reflections). */
        GARBAGE
    }

    public static final SlaveBehaviour NORMAL = new SlaveBehaviour(Mode.NORMAL, Duration.ZERO);
    public static final SlaveBehaviour SILENT = new SlaveBehaviour(Mode.SILENT, Duration.ZERO);
    public static final SlaveBehaviour BAD_CRC = new SlaveBehaviour(Mode.BAD_CRC, Duration.ZERO);
    public static final SlaveBehaviour GARBAGE = new SlaveBehaviour(Mode.GARBAGE, Duration.ZERO);

    public SlaveBehaviour {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(delay, "delay");
    }

    public static SlaveBehaviour late(Duration delay) {
        return new SlaveBehaviour(Mode.LATE, delay);
    }
}
