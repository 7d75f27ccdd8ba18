package dev.vigil.sim.device;

/** State of a sensing loop's wiring, reported in place of the value as the Acrel-style fault codes. */
public enum LoopFault {
    NONE(-1),
    /** Sensor leads shorted: the value register reads 0xE5E5. */
    SHORT(0xE5E5),
    /** Sensor disconnected: the value register reads 0xFAFA. */
    OPEN(0xFAFA);

    private final int code;

    LoopFault(int code) {
        this.code = code;
    }

    /** The register value reported while the fault lasts. */
    public int code() {
        return code;
    }
}
