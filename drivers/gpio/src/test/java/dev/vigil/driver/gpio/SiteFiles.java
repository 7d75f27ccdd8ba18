package dev.vigil.driver.gpio;

import dev.vigil.core.config.SiteFileParser;
import dev.vigil.core.config.SiteFileResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a site file with one gpio bus, so tests configure the driver exactly as an installer does. */
final class SiteFiles {

    private SiteFiles() {
    }

    static final String HEAD = """
            gateway: {id: gw-lianhua-03, site: Lianhua Building 3}
            uplinks:
              - {id: platform, type: dead}
            outbox: {dir: outbox}
            buses:
              - id: gpio-1
                driver: gpio
            """;

    /** @param bus lines under the bus (indented 4), @param sensors the sensors: list items */
    static Path write(Path dir, String bus, String sensors) {
        Path file = dir.resolve("site.yaml");
        try {
            Files.writeString(file, HEAD + bus + "sensors:\n" + sensors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static SiteFileResult parse(Path dir, String bus, String sensors) {
        return SiteFileParser.parse(write(dir, bus, sensors));
    }
}
