package dev.vigil.driver.modbus;

/**
 * How one request on the bus ended.
 *
 * @param kind          what happened
 * @param registers     register values of an answered read (the echoed value for a write), else empty
 * @param exceptionCode the Modbus exception code when {@link Kind#REFUSED}, else 0
 * @param detail        a short explanation for everything but {@link Kind#ANSWER}
 */
public record Outcome(Kind kind, int[] registers, int exceptionCode, String detail) {

    public enum Kind {
        ANSWER, REFUSED, TIMEOUT, CRC_ERROR, MALFORMED, PORT_ERROR;

        /** The slave may not have heard the request, so asking again can help. */
        boolean retryable() {
            return this == TIMEOUT || this == CRC_ERROR || this == MALFORMED;
        }
    }

    public static Outcome answer(int[] registers) {
        return new Outcome(Kind.ANSWER, registers, 0, "");
    }

    public static Outcome failed(Kind kind, String detail) {
        return new Outcome(kind, new int[0], 0, detail);
    }

    public boolean answered() {
        return kind == Kind.ANSWER;
    }
}
