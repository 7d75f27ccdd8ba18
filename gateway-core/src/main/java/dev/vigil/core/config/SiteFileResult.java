package dev.vigil.core.config;

import java.util.List;

// STUB (osgi branch only) until the config helper's parser lands in main; replaced on merge.
public record SiteFileResult(SiteConfig config, List<ConfigProblem> problems) {
}
