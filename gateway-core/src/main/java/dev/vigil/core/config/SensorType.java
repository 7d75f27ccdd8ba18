package dev.vigil.core.config;

import dev.vigil.core.model.Quantity;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The sensor {@code type:} names of the site file and what each one measures. */
public enum SensorType {
    SMOKE("smoke", Quantity.SMOKE),
    RESIDUAL_CURRENT("residual-current", Quantity.RESIDUAL_CURRENT),
    CABLE_TEMPERATURE("cable-temperature", Quantity.CABLE_TEMPERATURE),
    PHASE_CURRENT("phase-current", Quantity.PHASE_CURRENT),
    WATER_DEPTH("water-depth", Quantity.WATER_DEPTH),
    DIGITAL_INPUT("digital-input", Quantity.DIGITAL_INPUT);

    private final String siteName;
    private final Quantity quantity;

    SensorType(String siteName, Quantity quantity) {
        this.siteName = siteName;
        this.quantity = quantity;
    }

    /** The name written in the site file, e.g. "residual-current". */
    public String siteName() {
        return siteName;
    }

    public Quantity quantity() {
        return quantity;
    }

    public static Optional<SensorType> bySiteName(String name) {
        return Arrays.stream(values()).filter(t -> t.siteName.equals(name)).findFirst();
    }

    public static List<String> siteNames() {
        return Arrays.stream(values()).map(SensorType::siteName).toList();
    }
}
