package dev.vigil.sim.device;

import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RegisterMap;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * An ultrasonic level meter mounted above a road or pit, read with FC03 at register 0.
 *
 * <pre>
 * 0x0000  distance from the transducer face to the water/road surface, mm (uint16);
 *         0xFFFF = no echo (device fault)
 * 0x0001  air temperature used for sound-speed compensation, 0.1 degC (int16)
 * 0x0002  unit address (RW, 1..247)
 * </pre>
 * The gateway computes depth = mounting height - distance.
 */
public final class UltrasonicLevelMeter extends ModbusDevice {

    public static final int NO_ECHO = 0xFFFF;

    private final int mountHeightMm;
    private volatile DoubleSupplier depthCm = () -> 0.0;
    private volatile DoubleSupplier airTemperature = () -> 20.0;
    private volatile boolean noEcho;
    private final RegisterMap map = new RegisterMap();

    public UltrasonicLevelMeter(String id, int address, Duration turnaround, int mountHeightMm) {
        super(id, address, turnaround);
        if (mountHeightMm < 100 || mountHeightMm > 65_000) {
            throw new IllegalArgumentException(id + ": mounting height " + mountHeightMm + " mm outside 100..65000");
        }
        this.mountHeightMm = mountHeightMm;
        map.readOnly(0x0000, "distance mm", this::distanceRaw);
        map.readOnly(0x0001, "air temperature 0.1 degC", () -> (int) Math.round(airTemperature.getAsDouble() * 10) & 0xFFFF);
        map.readWrite(0x0002, "unit address", this::address, this::changeAddress);
    }

    @Override
    public String type() {
        return "ultrasonic-level";
    }

    @Override
    protected RegisterMap holdingRegisters() {
        return map;
    }

    public int mountHeightMm() {
        return mountHeightMm;
    }

    public void setSource(DoubleSupplier depthCm) {
        this.depthCm = depthCm;
    }

    public void setNoEcho(boolean noEcho) {
        this.noEcho = noEcho;
    }

    private int distanceRaw() {
        if (noEcho) {
            return NO_ECHO;
        }
        long d = mountHeightMm - Math.round(depthCm.getAsDouble() * 10);
        return (int) Math.max(0, Math.min(0xFFFE, d));
    }
}
