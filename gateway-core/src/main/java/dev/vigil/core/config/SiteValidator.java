package dev.vigil.core.config;

import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.util.List;
import java.util.Map;

// STUB (osgi branch only) until the config helper's validator lands in main; replaced on merge.
public final class SiteValidator {
    private SiteValidator() {
    }

    public static SiteFileResult check(java.nio.file.Path file, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        return SiteFileParser.parse(file);
    }

    public static List<ConfigProblem> validate(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        return List.of();
    }
}
