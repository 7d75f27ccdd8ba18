package dev.vigil.driver.modbus;

/** A write that was refused (unknown slave or point, read-only register, value out of range) or failed on the bus. */
public final class ModbusWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModbusWriteException(String message) {
        super(message);
    }
}
