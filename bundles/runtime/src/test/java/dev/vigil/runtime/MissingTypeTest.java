package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingTypeTest {

    @TempDir
    Path dir;

    @Test
    void namesTheFileLineTheUserAndTheBundleToInstall() throws IOException {
        SiteConfig site = site("gateway=a", "driver=modbus-rtu", "uplink=coap");

        List<MissingType> missing = MissingType.in(site, Set.of("simulated"), Set.of("mqtt"));

        assertEquals(2, missing.size());
        assertEquals(dir.resolve("site.txt") + ":2: bus 'bus2' uses driver type 'modbus-rtu', but no installed "
                + "bundle provides it; install dev.vigil.vigil-driver-modbus", missing.get(0).toString());
        assertTrue(missing.get(1).toString().endsWith("uplink 'up3' uses uplink type 'coap', but no installed bundle "
                + "provides it; install dev.vigil.vigil-uplink-coap"), missing.get(1).toString());
    }

    @Test
    void anUnknownTypeStillSaysWhatKindOfBundleIsMissing() throws IOException {
        SiteConfig site = site("driver=can-bus");

        List<MissingType> missing = MissingType.in(site, Set.of(), Set.of());

        assertTrue(missing.get(0).toString().endsWith(
                "install a bundle that registers a DriverFactory of type 'can-bus'"), missing.get(0).toString());
    }

    @Test
    void nothingIsMissingWhenEveryTypeIsInstalled() throws IOException {
        SiteConfig site = site("driver=simulated", "uplink=mqtt");

        assertTrue(MissingType.in(site, Set.of("simulated"), Set.of("mqtt")).isEmpty());
    }

    private SiteConfig site(String... lines) throws IOException {
        Path file = dir.resolve("site.txt");
        Files.write(file, List.of(lines));
        return new FakeEngine().read(file, Map.of(), Map.of()).config();
    }
}
