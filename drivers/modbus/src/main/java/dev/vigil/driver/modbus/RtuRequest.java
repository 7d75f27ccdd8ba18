package dev.vigil.driver.modbus;

import java.util.Arrays;

/**
 * One Modbus RTU request: read holding (FC03) or input (FC04) registers, write one register (FC06)
 * or several (FC16).
 *
 * @param slave    unit address 1..247
 * @param function function code
 * @param address  first register (PDU address, 0-based)
 * @param count    registers read or written
 * @param values   register values to write (FC06: one, FC16: count); empty for reads
 */
public record RtuRequest(int slave, int function, int address, int count, int[] values) {

    public static final int READ_HOLDING = 0x03;
    public static final int READ_INPUT = 0x04;
    public static final int WRITE_SINGLE = 0x06;
    public static final int WRITE_MULTIPLE = 0x10;
    /** Registers one FC03/FC04 response can carry (Modbus application protocol V1.1b3, 6.3). */
    public static final int MAX_READ = 125;
    public static final int MAX_WRITE = 123;

    public RtuRequest {
        if (slave < 1 || slave > 247) {
            throw new IllegalArgumentException("slave address " + slave + " outside 1..247");
        }
        if (address < 0 || address > 0xFFFF || address + count > 0x10000) {
            throw new IllegalArgumentException("registers " + address + "+" + count + " outside 0..0xFFFF");
        }
        values = values == null ? new int[0] : values.clone();
        switch (function) {
            case READ_HOLDING, READ_INPUT -> {
                if (count < 1 || count > MAX_READ) {
                    throw new IllegalArgumentException("read of " + count + " registers; 1.." + MAX_READ + " allowed");
                }
            }
            case WRITE_SINGLE -> {
                if (count != 1 || values.length != 1) {
                    throw new IllegalArgumentException("FC06 writes exactly one register");
                }
            }
            case WRITE_MULTIPLE -> {
                if (count < 1 || count > MAX_WRITE || values.length != count) {
                    throw new IllegalArgumentException("FC16 writes 1.." + MAX_WRITE + " registers, one value each");
                }
            }
            default -> throw new IllegalArgumentException("function " + function + " not supported");
        }
    }

    public static RtuRequest read(int slave, int function, int address, int count) {
        return new RtuRequest(slave, function, address, count, null);
    }

    public static RtuRequest write(int slave, int address, int[] values) {
        return values.length == 1 ? new RtuRequest(slave, WRITE_SINGLE, address, 1, values)
                : new RtuRequest(slave, WRITE_MULTIPLE, address, values.length, values);
    }

    public boolean isRead() {
        return function == READ_HOLDING || function == READ_INPUT;
    }

    /** The frame on the wire: address, PDU, CRC. */
    public byte[] encode() {
        byte[] body;
        switch (function) {
            case READ_HOLDING, READ_INPUT -> body = new byte[] {(byte) slave, (byte) function, hi(address), lo(address), hi(count), lo(count)};
            case WRITE_SINGLE -> body = new byte[] {(byte) slave, (byte) function, hi(address), lo(address), hi(values[0]), lo(values[0])};
            default -> {
                body = new byte[7 + 2 * count];
                body[0] = (byte) slave;
                body[1] = (byte) function;
                body[2] = hi(address);
                body[3] = lo(address);
                body[4] = hi(count);
                body[5] = lo(count);
                body[6] = (byte) (2 * count);
                for (int i = 0; i < count; i++) {
                    body[7 + 2 * i] = hi(values[i]);
                    body[8 + 2 * i] = lo(values[i]);
                }
            }
        }
        return Crc16.append(body);
    }

    /** Length of a normal (non-exception) response frame. */
    public int responseLength() {
        return isRead() ? 5 + 2 * count : 8;
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtuRequest r && r.slave == slave && r.function == function && r.address == address
                && r.count == count && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * slave + function) + address) + count + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return String.format("FC%02d slave %d 0x%04X+%d", function, slave, address, count);
    }

    private static byte hi(int v) {
        return (byte) (v >>> 8);
    }

    private static byte lo(int v) {
        return (byte) v;
    }
}
