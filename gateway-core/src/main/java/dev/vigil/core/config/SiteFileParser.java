package dev.vigil.core.config;

import java.nio.file.Path;
import java.util.List;

// STUB (osgi branch only) until the config helper's parser lands in main; replaced on merge.
public final class SiteFileParser {
    private SiteFileParser() {
    }

    public static SiteFileResult parse(Path file) {
        return SiteFileResult.invalid(List.of(new ConfigProblem(new SourceRef(file.toString(), 0), "parser not built yet")), null);
    }
}
