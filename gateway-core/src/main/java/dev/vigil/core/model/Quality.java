package dev.vigil.core.model;

import java.util.Objects;

/**
 * How far a reading can be trusted. A device-reported fault code (for example 0xE5E5 "short"
 * on an Acrel monitor) makes the reading BAD and keeps the code.
 */
public record Quality(Status status, String reason, Integer deviceFaultCode) {

    public enum Status { GOOD, UNCERTAIN, BAD }

    public static final Quality GOOD = new Quality(Status.GOOD, null, null);

    public Quality {
        Objects.requireNonNull(status, "status");
        if (status != Status.GOOD && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a " + status + " quality needs a reason");
        }
    }

    public static Quality uncertain(String reason) {
        return new Quality(Status.UNCERTAIN, reason, null);
    }

    public static Quality bad(String reason) {
        return new Quality(Status.BAD, reason, null);
    }

    public static Quality deviceFault(int code, String meaning) {
        return new Quality(Status.BAD, String.format("device fault 0x%04X (%s)", code, meaning), code);
    }

    public boolean isGood() {
        return status == Status.GOOD;
    }
}
