package dev.vigil.driver.gpio;

import java.util.List;

/** A whole gpio bus: the Pi4J provider, the detector inputs and the outputs. */
public record GpioBusSettings(String busId, GpioProvider provider, List<InputSettings> inputs,
        List<OutputSettings> outputs) {

    public GpioBusSettings {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
