package dev.vigil.driver.gpio;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which Pi4J 2.8 provider plugin serves the pins (the bus option {@code provider:}). The plugin jar
 * must be on the gateway's classpath; Pi4J finds it with ServiceLoader.
 */
public enum GpioProvider {
    /** The Linux GPIO character device through libgpiod (pi4j-plugin-gpiod): the default on a board. */
    GPIOD("gpiod", "gpiod-digital-input", "gpiod-digital-output"),
    /** The deprecated sysfs interface (pi4j-plugin-linuxfs), for old kernels only. */
    LINUXFS("linuxfs", "linuxfs-digital-input", "linuxfs-digital-output"),
    /** The Vigil hardware simulator's plugin (vigil-sim-pi4j), for tests and demos. */
    SIMULATOR("vigil-sim", "vigil-sim-digital-input", "vigil-sim-digital-output");

    private final String siteName;
    private final String inputProviderId;
    private final String outputProviderId;

    GpioProvider(String siteName, String inputProviderId, String outputProviderId) {
        this.siteName = siteName;
        this.inputProviderId = inputProviderId;
        this.outputProviderId = outputProviderId;
    }

    public String siteName() {
        return siteName;
    }

    public String inputProviderId() {
        return inputProviderId;
    }

    public String outputProviderId() {
        return outputProviderId;
    }

    public static Optional<GpioProvider> bySiteName(String name) {
        return Arrays.stream(values()).filter(p -> p.siteName.equals(name)).findFirst();
    }

    public static List<String> siteNames() {
        return Arrays.stream(values()).map(GpioProvider::siteName).toList();
    }
}
