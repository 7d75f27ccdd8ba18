package dev.vigil.driver.modbus;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A modbus-rtu bus's options from the site file, defaults filled in.
 *
 * @param port            path of the serial device, e.g. /dev/ttyUSB0
 * @param serial          speed and character format
 * @param timeout         how long to wait for a slave's answer (per request)
 * @param retries         immediate repeats of a failed request to a slave that is not marked faulty
 * @param profilesDir     directory of the device profiles
 * @param pollInterval    poll interval of sensors that do not set their own
 * @param maxGap          unused registers a block read may bridge to coalesce two points
 * @param failuresToFault failed polls in a row after which a slave is marked faulty
 * @param maxBackoff      longest wait between polls of a faulty slave
 */
public record BusSettings(String port, SerialSettings serial, Duration timeout, int retries, Path profilesDir,
        Duration pollInterval, int maxGap, int failuresToFault, Duration maxBackoff) {

    public static final int DEFAULT_BAUD = 9600;
    public static final String DEFAULT_PARITY = "even";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);
    public static final int DEFAULT_RETRIES = 1;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_GAP = 8;
    public static final int DEFAULT_FAILURES_TO_FAULT = 3;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    public static final String DEFAULT_PROFILES_DIR = "config/profiles";
}
