package dev.vigil.sim.device;

import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RegisterMap;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A submersible pressure water-level transmitter with the register layout common to Chinese
 * RS-485 level transmitters: the reading is an int16 scaled by a decimals register, in the unit
 * named by the unit register.
 *
 * <pre>
 * 0x0000  unit address (RW, 1..247)
 * 0x0001  baud code (RO: 0=1200 1=2400 2=4800 3=9600 4=19200 5=38400 6=57600 7=115200)
 * 0x0002  unit code (RO: 0=MPa 1=kPa 2=Pa 3=bar 4=mbar 5=kg/cm2 6=psi 7=mH2O 8=mmH2O)
 * 0x0003  decimals (RO)
 * 0x0004  measured value, int16, value = raw / 10^decimals in the unit above
 * 0x0005  range zero, 0x0006 range full scale (same scaling)
 * </pre>
 * Default: unit mH2O, 3 decimals (raw 1234 = 1.234 m of water), range 0..5.000 m.
 */
public final class PressureLevelTransmitter extends ModbusDevice {

    public static final int REG_UNIT = 0x0002;
    public static final int REG_DECIMALS = 0x0003;
    public static final int REG_VALUE = 0x0004;
    public static final int UNIT_M_H2O = 7;

    private final int baudCode;
    private final int decimals;
    private final int rangeFullRaw;
    private volatile DoubleSupplier depthCm = () -> 0.0;
    private final RegisterMap map = new RegisterMap();

    public PressureLevelTransmitter(String id, int address, Duration turnaround, int baud) {
        super(id, address, turnaround);
        this.baudCode = baudCode(baud);
        this.decimals = 3;
        this.rangeFullRaw = 5000;
        map.readWrite(0x0000, "unit address", this::address, this::changeAddress);
        map.readOnly(0x0001, "baud code", () -> baudCode);
        map.readOnly(REG_UNIT, "unit code", () -> UNIT_M_H2O);
        map.readOnly(REG_DECIMALS, "decimals", () -> decimals);
        map.readOnly(REG_VALUE, "measured value", this::valueRaw);
        map.readOnly(0x0005, "range zero", () -> 0);
        map.readOnly(0x0006, "range full scale", () -> rangeFullRaw);
    }

    @Override
    public String type() {
        return "pressure-level";
    }

    @Override
    protected RegisterMap holdingRegisters() {
        return map;
    }

    /** Water depth above the sensor in cm. */
    public void setSource(DoubleSupplier depthCm) {
        this.depthCm = depthCm;
    }

    public double depthCm() {
        return depthCm.getAsDouble();
    }

    private int valueRaw() {
        double metres = depthCm.getAsDouble() / 100.0;
        long raw = Math.round(metres * Math.pow(10, decimals));
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw)) & 0xFFFF;
    }

    static int baudCode(int baud) {
        int[] bauds = {1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};
        for (int i = 0; i < bauds.length; i++) {
            if (bauds[i] == baud) {
                return i;
            }
        }
        return 3;
    }
}
