package dev.vigil.core.config;

import java.util.List;
import java.util.Optional;

// STUB (osgi branch only) until the config helper's parser lands in main; replaced on merge.
public final class SiteFileResult {
    private final SiteConfig config;
    private final List<ConfigProblem> problems;

    private SiteFileResult(SiteConfig config, List<ConfigProblem> problems) {
        this.config = config;
        this.problems = problems;
    }

    public static SiteFileResult valid(SiteConfig config) {
        return new SiteFileResult(config, List.of());
    }

    public static SiteFileResult invalid(List<ConfigProblem> problems, SiteConfig checkablePart) {
        return new SiteFileResult(null, problems);
    }

    public boolean isValid() {
        return config != null;
    }

    public Optional<SiteConfig> config() {
        return Optional.ofNullable(config);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
