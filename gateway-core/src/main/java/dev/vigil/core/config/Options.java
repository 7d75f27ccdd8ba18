package dev.vigil.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Technology-specific settings of a bus, sensor address or uplink, as written in the site file.
 * The core does not know what they mean; the driver or uplink factory validates them and can
 * name the line of each key in its problems.
 */
public record Options(Map<String, Object> values, Map<String, SourceRef> lines, SourceRef origin) {

    public static final Options EMPTY = new Options(Map.of(), Map.of(), SourceRef.UNKNOWN);

    public Options {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        Objects.requireNonNull(origin, "origin");
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object get(String key) {
        return values.get(key);
    }

    /** Where {@code key} was written, or where the options block starts if the key is absent. */
    public SourceRef lineOf(String key) {
        return lines.getOrDefault(key, origin);
    }

    /**
     * The value of {@code key} as a path; a relative path is resolved against the directory of the
     * site file it was written in (so "secrets/mqtt-password" next to the site file works from any
     * working directory). Empty when the key is absent.
     */
    public Optional<Path> path(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        Path p = Path.of(v.toString());
        if (p.isAbsolute() || origin.line() == 0 && origin.file().equals(SourceRef.UNKNOWN.file())) {
            return Optional.of(p);
        }
        Path dir = Path.of(lineOf(key).file()).toAbsolutePath().getParent();
        return Optional.of(dir == null ? p : dir.resolve(p).normalize());
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }
}
