package dev.vigil.runtime;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SiteConfig;
import java.util.List;

/** A site file as read: its config when it parsed, otherwise every problem found. */
record SiteRead(SiteConfig config, List<ConfigProblem> problems) {

    SiteRead {
        problems = List.copyOf(problems);
        if ((config == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a site read holds a config or problems, not both or neither");
        }
    }

    static SiteRead ok(SiteConfig config) {
        return new SiteRead(config, List.of());
    }

    static SiteRead refused(List<ConfigProblem> problems) {
        return new SiteRead(null, problems);
    }

    boolean parsed() {
        return config != null;
    }
}
