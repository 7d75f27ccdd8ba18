package dev.vigil.driver.nbiot.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts and restores the modem's power (or pulses its reset/PWRKEY line), when re-attaching did not
 * bring registration back. A board bundle provides one; without it the driver only warns.
 */
@FunctionalInterface
public interface PowerCycleHook {

    /**
     * @param port the modem's serial port, to tell several modems apart
     * @return whether the modem was power-cycled
     */
    boolean powerCycle(String port);

    /** The default: no hardware to cut power with, so it says so and returns false. */
    PowerCycleHook NONE = port -> {
        Logger log = LoggerFactory.getLogger(PowerCycleHook.class);
        log.warn("modem on {} is still not registered after re-attaching and no power-cycle hook is installed; "
                + "the driver keeps re-attaching", port);
        return false;
    };
}
