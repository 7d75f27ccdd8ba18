package dev.vigil.sim.device;

/** What is wired to one loop of a residual-current / cable-temperature monitor. */
public enum LoopKind {
    /** Residual-current transformer; value register in mA (uint16), alarm value range 20..1000 mA. */
    RESIDUAL_CURRENT,
    /** Cable temperature probe; value register in 0.1 degC (int16), alarm value range 45.0..140.0 degC. */
    TEMPERATURE,
    /** Nothing wired: reads 0, never alarms or faults. */
    UNUSED
}
