package dev.vigil.core.model;

/** What a sensor measures, with the unit the engine uses for it end to end. */
public enum Quantity {
    /** Smoke detector state: 1 = smoke, 0 = clear. */
    SMOKE(""),
    /** Residual (leakage) current of a circuit. */
    RESIDUAL_CURRENT("mA"),
    /** Temperature of a cable or busbar. */
    CABLE_TEMPERATURE("°C"),
    /** Phase current of a circuit. */
    PHASE_CURRENT("A"),
    /** Water depth above the road surface or the pit floor. */
    WATER_DEPTH("cm"),
    /** Generic digital input (supervision contact, door, pump running). */
    DIGITAL_INPUT("");

    private final String unit;

    Quantity(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    public boolean isBoolean() {
        return this == SMOKE || this == DIGITAL_INPUT;
    }
}
