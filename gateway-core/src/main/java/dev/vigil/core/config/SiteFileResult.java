package dev.vigil.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SiteFileParser#parse} found: either a complete {@link SiteConfig}, or every problem
 * of the file. A refused file may still carry the parts that parsed cleanly
 * ({@link #checkablePart()}) so {@link SiteValidator} can check their driver and uplink options in
 * the same run; that part is never a config to run.
 */
public final class SiteFileResult {

    private final SiteConfig config;
    private final List<ConfigProblem> problems;
    private final SiteConfig checkablePart;

    private SiteFileResult(SiteConfig config, List<ConfigProblem> problems, SiteConfig checkablePart) {
        this.config = config;
        this.problems = List.copyOf(problems);
        this.checkablePart = checkablePart;
    }

    public static SiteFileResult valid(SiteConfig config) {
        return new SiteFileResult(Objects.requireNonNull(config, "config"), List.of(), config);
    }

    public static SiteFileResult invalid(List<ConfigProblem> problems, SiteConfig checkablePart) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one problem");
        }
        return new SiteFileResult(null, problems, checkablePart);
    }

    public boolean isValid() {
        return config != null;
    }

    /** The config, present only when the file has no problems. */
    public Optional<SiteConfig> config() {
        return Optional.ofNullable(config);
    }

    /** Every problem, in file order; empty when valid. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The buses, uplinks and sensors that parsed without problems, for option validation only. */
    public Optional<SiteConfig> checkablePart() {
        return Optional.ofNullable(checkablePart);
    }
}
