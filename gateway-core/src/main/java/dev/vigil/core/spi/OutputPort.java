package dev.vigil.core.spi;

/**
 * One local output a driver offers (siren, relay, status LED), switched by the engine's rules so a
 * site sounds its siren even with every uplink down. {@link #set} is called on the engine thread:
 * it must be quick, must not block for long on I/O, and remembers the wanted state if the
 * hardware is not open yet (the driver applies it when it is).
 */
public interface OutputPort {

    /** The output's id from the site file, e.g. "siren-1". */
    String id();

    /**
     * Switches the output on (active) or off. Active means "sounding/energised"; the driver maps it
     * to the electrical level the installer configured.
     *
     * @throws RuntimeException when the hardware refused; the engine retries on its next tick
     */
    void set(boolean on);
}
