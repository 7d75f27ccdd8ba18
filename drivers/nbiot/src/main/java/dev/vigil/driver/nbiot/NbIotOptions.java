package dev.vigil.driver.nbiot;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of an {@code nbiot} bus (see docs/nbiot.md).
 *
 * @param port               the modem's serial port, e.g. /dev/ttyUSB0
 * @param baud               its baud rate (BC28/BC95 ship at 9600)
 * @param commandTimeout     how long each AT command may take before it counts as a timeout
 * @param signalPollInterval how often AT+CSQ and AT+CEREG? are polled
 * @param attachTimeout      how long to wait for registration and attach before power-cycling
 * @param drainInterval      how often open sockets are read with AT+NSORF even without +NSONMI
 *                           (a lost URC must not strand a datagram in the modem)
 * @param psm                power saving mode, or empty to switch it off (AT+CPSMS=0)
 * @param apn                the APN to set with AT+CGDCONT, or empty to use the network's default
 */
record NbIotOptions(String port, int baud, Duration commandTimeout, Duration signalPollInterval,
        Duration attachTimeout, Duration drainInterval, Optional<Psm> psm, Optional<String> apn) {

    static final int DEFAULT_BAUD = 9600;
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_SIGNAL_POLL_INTERVAL = Duration.ofSeconds(60);
    static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofSeconds(120);
    static final Duration DEFAULT_DRAIN_INTERVAL = Duration.ofSeconds(30);

    /**
     * @param tau        requested periodic tracking-area update (T3412 extended)
     * @param activeTime requested active time (T3324), how long the modem stays reachable after sending
     */
    record Psm(Duration tau, Duration activeTime) {
        String command() {
            return "AT+CPSMS=1,,,\"" + PsmTimers.tau(tau).orElseThrow() + "\",\""
                    + PsmTimers.activeTime(activeTime).orElseThrow() + "\"";
        }
    }

    NbIotOptions {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(psm, "psm");
        Objects.requireNonNull(apn, "apn");
    }

    static NbIotOptions defaults(String port) {
        return new NbIotOptions(port, DEFAULT_BAUD, DEFAULT_COMMAND_TIMEOUT, DEFAULT_SIGNAL_POLL_INTERVAL,
                DEFAULT_ATTACH_TIMEOUT, DEFAULT_DRAIN_INTERVAL, Optional.empty(), Optional.empty());
    }

    String psmCommand() {
        return psm.map(Psm::command).orElse("AT+CPSMS=0");
    }
}
