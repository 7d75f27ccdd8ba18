package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SiteFileParser;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.config.SiteValidator;
import dev.vigil.core.spi.DriverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helper: site files written to a temp dir, parsed by the real parser, checked by the real validator. */
final class Sites {

    static final Path PROFILES = Path.of("../../config/profiles").toAbsolutePath().normalize();

    private Sites() {
    }

    static String header() {
        return """
                gateway:
                  id: gw-test
                  site: Test Site
                uplinks:
                  - {id: platform, type: mqtt, url: "tcp://127.0.0.1:1883"}
                outbox: {dir: outbox}
                """;
    }

    static Path write(Path dir, String body) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, header() + body);
        return file;
    }

    static SiteConfig parse(Path file) {
        SiteFileResult r = SiteFileParser.parse(file);
        assertTrue(r.isValid(), () -> "site file should parse: " + r.problems());
        return r.config().orElseThrow();
    }

    /** Problems the modbus-rtu factory finds, via the real SiteValidator. */
    static List<ConfigProblem> validate(Path file) {
        SiteFileResult parsed = SiteFileParser.parse(file);
        SiteConfig config = parsed.checkablePart().orElseThrow(() -> new AssertionError("unparseable: " + parsed.problems()));
        Map<String, DriverFactory> drivers = Map.of("modbus-rtu", new ModbusRtuDriverFactory());
        List<ConfigProblem> all = new java.util.ArrayList<>(parsed.problems());
        all.addAll(SiteValidator.validate(config, drivers, Map.of()));
        all.removeIf(p -> p.message().startsWith("uplinks[")); // no uplink factory here; not what these tests check
        return all;
    }

    static ModbusRtuDriver driver(SiteConfig config, String busId) {
        BusConfig bus = config.buses().stream().filter(b -> b.id().equals(busId)).findFirst().orElseThrow();
        return (ModbusRtuDriver) new ModbusRtuDriverFactory().create(bus, config.sensorsOn(busId));
    }
}
