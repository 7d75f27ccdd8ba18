package dev.vigil.sim.device;

import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RegisterMap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.DoubleSupplier;

/**
 * A 12-loop electrical-fire monitor modelled on the Acrel AIM-R100 register layout: each loop is a
 * residual-current transformer or a cable-temperature probe. Served on FC03 and FC04.
 *
 * <pre>
 * 0x0000          unit address (RW, 1..247)
 * 0x000B          loop alarm bits: bit n-1 set = loop n at or over its alarm value
 * 0x000C          loop fault bits: bit n-1 set = loop n sensor short or open
 * 0x004A..0x0055  loop 1..12 value: mA (uint16) for residual current, 0.1 degC (int16) for temperature;
 *                 0xE5E5 = sensor short, 0xFAFA = sensor open
 * 0x0056..0x0061  loop 1..12 alarm value (RW): 20..1000 mA (default 300) or 450..1400 = 45.0..140.0 degC
 *                 (default 800 = 80.0 degC)
 * </pre>
 */
public final class ResidualCurrentMonitor extends ModbusDevice {

    public static final int LOOPS = 12;
    public static final int REG_ADDRESS = 0x0000;
    public static final int REG_ALARM_BITS = 0x000B;
    public static final int REG_FAULT_BITS = 0x000C;
    public static final int REG_LOOP_VALUE = 0x004A;
    public static final int REG_ALARM_VALUE = 0x0056;
    public static final List<LoopKind> DEFAULT_LOOPS =
            List.of(LoopKind.RESIDUAL_CURRENT, LoopKind.TEMPERATURE, LoopKind.TEMPERATURE, LoopKind.TEMPERATURE);

    private final LoopKind[] kinds = new LoopKind[LOOPS];
    private final AtomicReferenceArray<DoubleSupplier> sources = new AtomicReferenceArray<>(LOOPS);
    private final AtomicReferenceArray<LoopFault> faults = new AtomicReferenceArray<>(LOOPS);
    private final int[] alarmValues = new int[LOOPS];
    private final RegisterMap map = new RegisterMap();

    public ResidualCurrentMonitor(String id, int address, Duration turnaround) {
        this(id, address, turnaround, DEFAULT_LOOPS);
    }

    /** @param loops what is wired to loops 1..n (n at most 12); the rest are unused */
    public ResidualCurrentMonitor(String id, int address, Duration turnaround, List<LoopKind> loops) {
        super(id, address, turnaround);
        if (loops.size() > LOOPS) {
            throw new IllegalArgumentException(id + ": " + loops.size() + " loops configured, the monitor has " + LOOPS);
        }
        for (int i = 0; i < LOOPS; i++) {
            kinds[i] = i < loops.size() ? loops.get(i) : LoopKind.UNUSED;
            sources.set(i, switch (kinds[i]) {
                case RESIDUAL_CURRENT -> () -> 120.0;
                case TEMPERATURE -> () -> 25.0;
                case UNUSED -> () -> 0.0;
            });
            faults.set(i, LoopFault.NONE);
            alarmValues[i] = kinds[i] == LoopKind.TEMPERATURE ? 800 : 300;
        }
        map.readWrite(REG_ADDRESS, "unit address", this::address, this::changeAddress);
        map.readOnly(REG_ALARM_BITS, "loop alarm bits", this::alarmBits);
        map.readOnly(REG_FAULT_BITS, "loop fault bits", this::faultBits);
        for (int i = 0; i < LOOPS; i++) {
            int loop = i;
            map.readOnly(REG_LOOP_VALUE + i, "loop " + (i + 1) + " value", () -> loopRegister(loop));
            map.readWrite(REG_ALARM_VALUE + i, "loop " + (i + 1) + " alarm value", () -> alarmValue(loop),
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

    public LoopKind kind(int loop) {
        return kinds[index(loop)];
    }

    /** Where loop {@code loop} (1-based) gets its physical value: mA or degC. */
    public void setSource(int loop, DoubleSupplier source) {
        sources.set(index(loop), source);
    }

    public void setFault(int loop, LoopFault fault) {
        faults.set(index(loop), fault);
    }

    public LoopFault fault(int loop) {
        return faults.get(index(loop));
    }

    /** The value the monitor currently measures on a loop, in mA or degC. */
    public double value(int loop) {
        return sources.get(index(loop)).getAsDouble();
    }

    private int loopRegister(int i) {
        LoopFault fault = faults.get(i);
        if (fault != LoopFault.NONE && kinds[i] != LoopKind.UNUSED) {
            return fault.code();
        }
        return raw(i);
    }

    /** Register value as a signed number in the loop's register unit. */
    private int scaled(int i) {
        double v = sources.get(i).getAsDouble();
        return switch (kinds[i]) {
            case RESIDUAL_CURRENT -> (int) Math.max(0, Math.min(0xFFFF, Math.round(v)));
            case TEMPERATURE -> (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v * 10)));
            case UNUSED -> 0;
        };
    }

    private int raw(int i) {
        return scaled(i) & 0xFFFF;
    }

    private int alarmBits() {
        int bits = 0;
        for (int i = 0; i < LOOPS; i++) {
            if (kinds[i] != LoopKind.UNUSED && faults.get(i) == LoopFault.NONE && scaled(i) >= alarmValue(i)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    private int faultBits() {
        int bits = 0;
        for (int i = 0; i < LOOPS; i++) {
            if (kinds[i] != LoopKind.UNUSED && faults.get(i) != LoopFault.NONE) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    private int alarmValue(int i) {
        synchronized (alarmValues) {
            return alarmValues[i];
        }
    }

    private boolean setAlarmValue(int i, int value) {
        boolean ok = kinds[i] == LoopKind.TEMPERATURE ? value >= 450 && value <= 1400 : value >= 20 && value <= 1000;
        if (ok) {
            synchronized (alarmValues) {
                alarmValues[i] = value;
            }
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
