package dev.vigil.core.health;

import java.util.Objects;

/**
 * State of a driver, bus, uplink or modem, reported as state rather than log noise.
 *
 * @param status  UNKNOWN before the first attempt, ONLINE when working, DEGRADED when partly working, OFFLINE when not
 * @param detail  a stable machine-readable reason, e.g. "CONNECTION_REFUSED", "CONFIGURATION_ERROR"
 * @param message a human-readable explanation naming the resource (port, host, slave)
 */
public record ComponentStatus(Status status, String detail, String message) {

    public enum Status { UNKNOWN, ONLINE, DEGRADED, OFFLINE }

    public static final ComponentStatus UNKNOWN = new ComponentStatus(Status.UNKNOWN, "NONE", "not started");

    public ComponentStatus {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "NONE" : detail;
        message = message == null ? "" : message;
    }

    public static ComponentStatus online(String message) {
        return new ComponentStatus(Status.ONLINE, "NONE", message);
    }

    public static ComponentStatus offline(String detail, String message) {
        return new ComponentStatus(Status.OFFLINE, detail, message);
    }

    public static ComponentStatus degraded(String detail, String message) {
        return new ComponentStatus(Status.DEGRADED, detail, message);
    }
}
