package dev.vigil.sim.modbus;

/**
 * What happened to one frame the gateway put on a simulated bus. Times are {@link System#nanoTime()}
 * values: {@code requestEndNanos} is when the request's last character left the (simulated) wire,
 * {@code responseEndNanos} when the response's last character reached the gateway (0 if none).
 */
public record BusEvent(String bus, Outcome outcome, int address, int function, String device,
        long requestEndNanos, long responseEndNanos, int responseLength, String detail) {

    public enum Outcome {
        /** A slave answered (normally or with an exception response). */
        ANSWERED,
        /** A broadcast write was executed; broadcasts are never answered. */
        BROADCAST,
        /** Addressed to no slave on this bus. */
        NO_SUCH_SLAVE,
        /** CRC did not match, frame too short, or a gap over t1.5 inside it: silently discarded. */
        CORRUPT_REQUEST,
        /** The slave's fault injection made it stay silent, late, send a bad CRC or garbage. */
        FAULT_INJECTED,
        /** The bus is unplugged: the request never reached a slave. */
        UNPLUGGED
    }

    public double turnaroundMillis() {
        return responseEndNanos == 0 ? Double.NaN : (responseEndNanos - requestEndNanos) / 1e6;
    }
}
