package dev.vigil.driver.nbiot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.ReadingSink;
import dev.vigil.driver.nbiot.api.PowerCycleHook;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against a scripted modem on the fake line, for faults the simulator cannot make: a modem that goes silent. */
class NbIotDriverFakeModemTest {

    private final FakeLine line = new FakeLine();
    private volatile boolean silent;
    private Driver driver;

    private String answer(String command) {
        if (silent) {
            return null;
        }
        return switch (command) {
            case "AT+CGSN=1" -> "\r\n+CGSN:863703036312345\r\n\r\nOK\r\n";
            case "AT+NCCID" -> "\r\n+NCCID:89860418102070012345\r\n\r\nOK\r\n";
            case "AT+CSQ" -> "\r\n+CSQ:12,99\r\n\r\nOK\r\n";
            case "AT+CEREG?" -> "\r\n+CEREG:1,5\r\n\r\nOK\r\n";
            case "AT+CGATT?" -> "\r\n+CGATT:1\r\n\r\nOK\r\n";
            case "AT+CGPADDR" -> "\r\n+CGPADDR:0,10.1.2.3\r\n\r\nOK\r\n";
            default -> "\r\nOK\r\n";
        };
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.stop();
        }
    }

    @Test
    void a_modem_that_goes_silent_is_reported_and_brought_up_again_when_it_answers() throws Exception {
        line.modem = this::answer;
        BusConfig bus = new BusConfig("modem", "nbiot", new Options(Map.of("port", "/dev/fake0", "commandTimeout",
                "200ms", "signalPollInterval", "100ms"), Map.of(), new SourceRef("site.yaml", 3)), new SourceRef("site.yaml", 2));
        driver = new NbIotDriverFactory(PowerCycleHook.NONE, (port, baud) -> line).create(bus, List.of());
        driver.start(new DriverContext() {
            @Override
            public ReadingSink readings() {
                return r -> { };
            }

            @Override
            public Clock clock() {
                return new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
            }

            @Override
            public ScheduledExecutorService scheduler() {
                throw new UnsupportedOperationException("the modem driver runs on its own modem thread");
            }
        });
        Await.until("online", () -> driver.health().status().detail().equals("NONE")
                && driver.health().status().status().name().equals("ONLINE"), () -> driver.health().toString());
        assertEquals(5, driver.health().counters().get("registrationState"), "roaming counts as registered");
        assertEquals(-89, driver.health().counters().get("rssiDbm"));

        silent = true;
        Await.until("silence reported", () -> driver.health().status().detail().equals("MODEM_NOT_ANSWERING"),
                () -> driver.health().toString());
        assertTrue(driver.health().status().message().contains("/dev/fake0"), driver.health().status().message());
        assertTrue(driver.health().counters().get("timeouts") >= 1);

        silent = false;
        Await.until("answering again", () -> driver.health().status().status().name().equals("ONLINE"),
                () -> driver.health().toString());
        assertEquals(2, line.written.stream().filter("ATE0"::equals).count(), "the bring-up ran again");
    }
}
