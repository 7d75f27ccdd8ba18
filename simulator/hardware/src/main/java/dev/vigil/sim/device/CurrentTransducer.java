package dev.vigil.sim.device;

import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RegisterMap;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A three-phase current transducer (CT + RS-485 converter) for the circuits a cable-temperature
 * loop watches. Served on FC03 and FC04.
 *
 * <pre>
 * 0x0000..0x0002  phase A/B/C current, 0.01 A (uint16)
 * 0x0003          CT primary rating, A (RO)
 * 0x0010          unit address (RW, 1..247)
 * </pre>
 */
public final class CurrentTransducer extends ModbusDevice {

    private final int ratedAmps;
    private final DoubleSupplier[] phases = {() -> 0.0, () -> 0.0, () -> 0.0};
    private final RegisterMap map = new RegisterMap();

    public CurrentTransducer(String id, int address, Duration turnaround, int ratedAmps) {
        super(id, address, turnaround);
        this.ratedAmps = ratedAmps;
        for (int i = 0; i < 3; i++) {
            int phase = i;
            map.readOnly(i, "phase " + "ABC".charAt(i) + " current 0.01 A", () -> raw(phase));
        }
        map.readOnly(0x0003, "CT primary A", () -> ratedAmps);
        map.readWrite(0x0010, "unit address", this::address, this::changeAddress);
    }

    @Override
    public String type() {
        return "current-transducer";
    }

    @Override
    protected RegisterMap holdingRegisters() {
        return map;
    }

    public int ratedAmps() {
        return ratedAmps;
    }

    /** Phase 1..3 (A, B, C) current source in amperes. */
    public void setSource(int phase, DoubleSupplier amps) {
        if (phase < 1 || phase > 3) {
            throw new IllegalArgumentException("phase " + phase + " outside 1..3");
        }
        phases[phase - 1] = amps;
    }

    public double amps(int phase) {
        return phases[phase - 1].getAsDouble();
    }

    private int raw(int i) {
        return (int) Math.max(0, Math.min(0xFFFF, Math.round(phases[i].getAsDouble() * 100)));
    }
}
