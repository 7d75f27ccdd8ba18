package dev.vigil.core.config;

import java.util.Objects;

/** One thing wrong with a site file: where it is and what was expected instead. */
public record ConfigProblem(SourceRef where, String message) {

    public ConfigProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
