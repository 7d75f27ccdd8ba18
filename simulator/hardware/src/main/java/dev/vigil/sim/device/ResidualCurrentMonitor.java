package dev.vigil.sim.device;

import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RegisterMap;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * An electrical-fire monitor modelled on the Acrel AIM-R100 register layout: loop 1 measures
 * residual current, loops 2-4 cable temperature. Values are polled with FC03 or FC04.
 *
 * <pre>
 * 0x0000      unit address (RW, 1..247)
 * 0x000B      loop state bits: bit n-1 = loop n at/over its alarm value, bit 8+n-1 = loop n faulty
 * 0x004A      loop 1 residual current, mA (uint16)
 * 0x004B..4D  loops 2-4 cable temperature, 0.1 degC (int16)
 * 0x0056      loop 1 alarm value, mA (RW, 20..1000, default 300)
 * 0x0057..59  loops 2-4 alarm value, 0.1 degC (RW, 450..1400, default 800)
 * A faulty loop reads 0xE5E5 (sensor short) or 0xFAFA (sensor open) in its value register.
 * </pre>
 */
public final class ResidualCurrentMonitor extends ModbusDevice {

    public static final int LOOPS = 4;
    public static final int REG_ADDRESS = 0x0000;
    public static final int REG_LOOP_STATE = 0x000B;
    public static final int REG_LOOP_VALUE = 0x004A;
    public static final int REG_ALARM_VALUE = 0x0056;

    private final DoubleSupplier[] sources = new DoubleSupplier[LOOPS];
    private final LoopFault[] faults = new LoopFault[LOOPS];
    private final int[] alarmValues = new int[LOOPS];
    private final RegisterMap map = new RegisterMap();

    public ResidualCurrentMonitor(String id, int address, Duration turnaround) {
        super(id, address, turnaround);
        for (int i = 0; i < LOOPS; i++) {
            sources[i] = i == 0 ? () -> 120.0 : () -> 25.0;
            faults[i] = LoopFault.NONE;
            alarmValues[i] = i == 0 ? 300 : 800;
        }
        map.readWrite(REG_ADDRESS, "unit address", this::address, this::changeAddress);
        map.readOnly(REG_LOOP_STATE, "loop state bits", this::loopStateBits);
        for (int i = 0; i < LOOPS; i++) {
            int loop = i;
            map.readOnly(REG_LOOP_VALUE + i, "loop " + (i + 1) + (i == 0 ? " residual current mA" : " cable temperature 0.1 degC"),
                    () -> loopRegister(loop));
            map.readWrite(REG_ALARM_VALUE + i, "loop " + (i + 1) + " alarm value", () -> alarmValues[loop],
                    v -> setAlarmValue(loop, v));
        }
    }

    @Override
    public String type() {
        return "acrel-aim-r100";
    }

    @Override
    protected RegisterMap holdingRegisters() {
        return map;
    }

    /** Where loop {@code loop} (1-based) gets its physical value: mA for loop 1, degC for 2-4. */
    public void setSource(int loop, DoubleSupplier source) {
        sources[index(loop)] = source;
    }

    public void setFault(int loop, LoopFault fault) {
        synchronized (faults) {
            faults[index(loop)] = fault;
        }
    }

    public LoopFault fault(int loop) {
        synchronized (faults) {
            return faults[index(loop)];
        }
    }

    /** The value the monitor currently measures on a loop, in mA or degC. */
    public double value(int loop) {
        return sources[index(loop)].getAsDouble();
    }

    private int loopRegister(int i) {
        LoopFault fault = fault(i + 1);
        if (fault != LoopFault.NONE) {
            return fault.code();
        }
        return raw(i);
    }

    private int raw(int i) {
        double v = sources[i].getAsDouble();
        if (i == 0) {
            return (int) Math.max(0, Math.min(0xFFFF, Math.round(v)));
        }
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v * 10))) & 0xFFFF;
    }

    private int loopStateBits() {
        int bits = 0;
        for (int i = 0; i < LOOPS; i++) {
            if (fault(i + 1) != LoopFault.NONE) {
                bits |= 1 << (8 + i);
            } else {
                int raw = raw(i);
                int signed = i == 0 ? raw : (short) raw;
                if (signed >= alarmValues[i]) {
                    bits |= 1 << i;
                }
            }
        }
        return bits;
    }

    private boolean setAlarmValue(int i, int value) {
        boolean ok = i == 0 ? value >= 20 && value <= 1000 : value >= 450 && value <= 1400;
        if (ok) {
            alarmValues[i] = value;
        }
        return ok;
    }

    private static int index(int loop) {
        if (loop < 1 || loop > LOOPS) {
            throw new IllegalArgumentException("loop " + loop + " outside 1.." + LOOPS);
        }
        return loop - 1;
    }
}
