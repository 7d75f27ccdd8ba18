package dev.vigil.sim.modbus;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Modbus RTU slave: an address, a register map and the protocol logic for FC03 (read holding),
 * FC04 (read input), FC06 (write single) and FC16 (write multiple), with the exception responses
 * the standard requires. Subclasses define the map; the bus handles framing, CRC and timing.
 *
 * <p>Thread-safety: the bus thread calls {@link #handle}; scenario threads change values and faults.
 * Register readers must therefore read volatile or otherwise safely published state.
 */
public abstract class ModbusDevice {

    private final String id;
    private volatile int address;
    private volatile Duration turnaround;
    private volatile SlaveBehaviour behaviour = SlaveBehaviour.NORMAL;
    private volatile Map<Integer, Integer> stuckValues;

    protected ModbusDevice(String id, int address, Duration turnaround) {
        this.id = Objects.requireNonNull(id, "id");
        checkAddress(address);
        this.address = address;
        this.turnaround = Objects.requireNonNull(turnaround, "turnaround");
    }

    /** Registers served by FC03 and written by FC06/FC16. */
    protected abstract RegisterMap holdingRegisters();

    /** Registers served by FC04; like many field devices, the same map as FC03 unless overridden. */
    protected RegisterMap inputRegisters() {
        return holdingRegisters();
    }

    /** A short type name used in the port map and the docs, e.g. "acrel-aim-r100". */
    public abstract String type();

    public String id() {
        return id;
    }

    public int address() {
        return address;
    }

    /** Changes the slave address (as a write to a device's address register does). */
    protected boolean changeAddress(int newAddress) {
        if (newAddress < 1 || newAddress > 247) {
            return false;
        }
        address = newAddress;
        return true;
    }

    public Duration turnaround() {
        return turnaround;
    }

    public void setTurnaround(Duration turnaround) {
        this.turnaround = Objects.requireNonNull(turnaround, "turnaround");
    }

    public SlaveBehaviour behaviour() {
        return behaviour;
    }

    public void setBehaviour(SlaveBehaviour behaviour) {
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    }

    /**
     * Freezes every register at its present value (a sensor stuck at one reading: a seized float,
     * a frozen ADC) or, with {@code false}, lets values move again.
     */
    public void setStuck(boolean stuck) {
        if (!stuck) {
            stuckValues = null;
            return;
        }
        Map<Integer, Integer> snapshot = new HashMap<>();
        holdingRegisters().all().keySet().forEach(a -> snapshot.put(a, holdingRegisters().read(a)));
        if (inputRegisters() != holdingRegisters()) {
            inputRegisters().all().keySet().forEach(a -> snapshot.put(0x10000 + a, inputRegisters().read(a)));
        }
        stuckValues = snapshot;
    }

    public boolean isStuck() {
        return stuckValues != null;
    }

    /** Reads one holding register as the master would see it (used by tests and the event log). */
    public int readHolding(int address) {
        return valueOf(holdingRegisters(), address, 0);
    }

    /**
     * Executes one request PDU (function code + data) addressed to this slave and returns the
     * response PDU, which is an exception response (function | 0x80, code) when the request is
     * not acceptable.
     */
    public final byte[] handle(byte[] pdu) {
        if (pdu.length == 0) {
            return exception(0, ExceptionCode.ILLEGAL_FUNCTION);
        }
        int function = pdu[0] & 0xFF;
        return switch (function) {
            case 0x03 -> readRegisters(pdu, holdingRegisters(), 0);
            case 0x04 -> readRegisters(pdu, inputRegisters(), inputRegisters() == holdingRegisters() ? 0 : 0x10000);
            case 0x06 -> writeSingle(pdu);
            case 0x10 -> writeMultiple(pdu);
            default -> exception(function, ExceptionCode.ILLEGAL_FUNCTION);
        };
    }

    private byte[] readRegisters(byte[] pdu, RegisterMap map, int stuckKeyOffset) {
        int function = pdu[0] & 0xFF;
        if (pdu.length != 5) {
            return exception(function, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        int start = u16(pdu, 1);
        int count = u16(pdu, 3);
        if (count < 1 || count > 125) {
            return exception(function, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        if (start + count > 0x10000 || !map.definesAll(start, count)) {
            return exception(function, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        byte[] response = new byte[2 + 2 * count];
        response[0] = (byte) function;
        response[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            int value = valueOf(map, start + i, stuckKeyOffset);
            response[2 + 2 * i] = (byte) (value >>> 8);
            response[3 + 2 * i] = (byte) value;
        }
        return response;
    }

    private int valueOf(RegisterMap map, int address, int stuckKeyOffset) {
        Map<Integer, Integer> stuck = stuckValues;
        if (stuck != null) {
            Integer frozen = stuck.get(stuckKeyOffset + address);
            if (frozen != null) {
                return frozen;
            }
        }
        return map.read(address);
    }

    private byte[] writeSingle(byte[] pdu) {
        if (pdu.length != 5) {
            return exception(0x06, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        int address = u16(pdu, 1);
        RegisterMap.Register register = holdingRegisters().at(address);
        if (register == null || !register.writable()) {
            return exception(0x06, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        if (!register.writer().test(u16(pdu, 3))) {
            return exception(0x06, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        return pdu.clone();
    }

    private byte[] writeMultiple(byte[] pdu) {
        if (pdu.length < 6) {
            return exception(0x10, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        int start = u16(pdu, 1);
        int count = u16(pdu, 3);
        int byteCount = pdu[5] & 0xFF;
        if (count < 1 || count > 123 || byteCount != 2 * count || pdu.length != 6 + byteCount) {
            return exception(0x10, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        RegisterMap map = holdingRegisters();
        for (int a = start; a < start + count; a++) {
            RegisterMap.Register register = map.at(a);
            if (register == null || !register.writable()) {
                return exception(0x10, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
        }
        for (int i = 0; i < count; i++) {
            if (!map.at(start + i).writer().test(u16(pdu, 6 + 2 * i))) {
                return exception(0x10, ExceptionCode.ILLEGAL_DATA_VALUE);
            }
        }
        return java.util.Arrays.copyOfRange(pdu, 0, 5);
    }

    protected static byte[] exception(int function, ExceptionCode code) {
        return new byte[] {(byte) (function | 0x80), (byte) code.code()};
    }

    private static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }

    private static void checkAddress(int address) {
        if (address < 1 || address > 247) {
            throw new IllegalArgumentException("Modbus slave address " + address + " outside 1..247");
        }
    }

    @Override
    public String toString() {
        return type() + " '" + id + "' @" + address;
    }
}
