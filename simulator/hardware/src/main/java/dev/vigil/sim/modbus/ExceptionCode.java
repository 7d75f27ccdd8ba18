package dev.vigil.sim.modbus;

/** Modbus exception codes a simulated slave answers with (Modbus Application Protocol V1.1b3, 7). */
public enum ExceptionCode {
    ILLEGAL_FUNCTION(0x01),
    ILLEGAL_DATA_ADDRESS(0x02),
    ILLEGAL_DATA_VALUE(0x03),
    SERVER_DEVICE_FAILURE(0x04);

    private final int code;

    ExceptionCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
