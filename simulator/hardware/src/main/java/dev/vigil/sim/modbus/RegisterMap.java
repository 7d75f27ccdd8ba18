package dev.vigil.sim.modbus;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * The 16-bit registers one function table of a device exposes. Addresses that are not defined
 * answer ILLEGAL_DATA_ADDRESS, as real devices do for gaps in their map.
 */
public final class RegisterMap {

    /** One register: how to read it and, if writable, a write that returns false to reject a value. */
    public record Register(String name, IntSupplier reader, IntPredicate writer) {
        public boolean writable() {
            return writer != null;
        }
    }

    private final Map<Integer, Register> registers = new TreeMap<>();

    public RegisterMap readOnly(int address, String name, IntSupplier reader) {
        return put(address, new Register(name, reader, null));
    }

    public RegisterMap readWrite(int address, String name, IntSupplier reader, IntPredicate writer) {
        return put(address, new Register(name, reader, writer));
    }

    private RegisterMap put(int address, Register register) {
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("register address " + address + " outside 0..0xFFFF");
        }
        if (registers.putIfAbsent(address, register) != null) {
            throw new IllegalArgumentException("register 0x" + Integer.toHexString(address) + " defined twice");
        }
        return this;
    }

    public Register at(int address) {
        return registers.get(address);
    }

    public boolean definesAll(int start, int count) {
        for (int a = start; a < start + count; a++) {
            if (!registers.containsKey(a)) {
                return false;
            }
        }
        return true;
    }

    /** Raw 16-bit value, masked to 0..0xFFFF. */
    public int read(int address) {
        return registers.get(address).reader().getAsInt() & 0xFFFF;
    }

    public Map<Integer, Register> all() {
        return Collections.unmodifiableMap(registers);
    }
}
