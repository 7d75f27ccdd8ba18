package dev.vigil.driver.nbiot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.config.SiteValidator;
import dev.vigil.core.spi.DriverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An nbiot bus in a real site file, through the real parser and validator: the lines named are the installer's. */
class NbIotSiteFileTest {

    @TempDir
    Path dir;

    @Test
    void problems_name_the_line_of_the_option_in_the_site_file_nested_psm_keys_included() throws Exception {
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, """
                gateway:
                  id: gw-1
                  site: Test Street
                uplinks:
                  - id: platform
                    type: mqtt
                    url: tcp://127.0.0.1:1883
                outbox:
                  dir: data/outbox
                buses:
                  - id: modem
                    driver: nbiot
                    port: /dev/ttyUSB0
                    baud: 9601
                    psm:
                      tau: 33m
                      activeTime: 10s
                """);
        SiteFileResult result = SiteValidator.check(site, Map.<String, DriverFactory>of("nbiot", new NbIotDriverFactory()),
                Map.of());
        List<String> nbiot = result.problems().stream().map(ConfigProblem::toString)
                .filter(p -> p.contains("nbiot bus")).map(p -> p.substring(p.indexOf("site.yaml"))).toList();
        assertEquals(List.of(
                "site.yaml:14: baud of nbiot bus 'modem' must be one of [4800, 9600, 19200, 38400, 57600, 115200], found '9601'",
                "site.yaml:16: psm.tau of nbiot bus 'modem' must be " + PsmTimers.TAU_EXPECTED
                        + " (3GPP TS 24.008 timer encoding), found '33m'"), nbiot);
    }
}
