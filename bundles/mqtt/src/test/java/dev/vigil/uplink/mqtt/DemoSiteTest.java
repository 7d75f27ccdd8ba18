package dev.vigil.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.config.SiteValidator;
import dev.vigil.core.engine.Gateway;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import dev.vigil.driver.simulated.SimulatedDriverFactory;
import dev.vigil.sim.broker.EmbeddedBroker;
import dev.vigil.sim.recorder.PlatformRecorder;
import dev.vigil.sim.recorder.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback demo site (config/demo/demo-site-simulated.yaml, all on the simulated driver) end to end in one process: the simulated driver
 * plays the scenario, the engine raises alarms, the outbox stores them and this uplink delivers
 * them to an embedded broker, where the platform recorder checks what arrived.
 */
class DemoSiteTest {

    private static final Path TEMPLATE = Path.of("../../config/demo/demo-site-simulated.yaml");
    private static final Map<String, DriverFactory> DRIVERS = Map.of("simulated", new SimulatedDriverFactory());
    private static final Map<String, UplinkFactory> UPLINKS = Map.of("mqtt", new MqttUplinkFactory());

    @TempDir
    Path dir;

    private SiteConfig site(int port) throws Exception {
        String text = Files.readString(TEMPLATE).replace("${MQTT_PORT}", Integer.toString(port))
                .replace("${OUTBOX_DIR}", dir.resolve("outbox").toString());
        Path file = Files.writeString(dir.resolve("demo-site.yaml"), text);
        SiteFileResult result = SiteValidator.check(file, DRIVERS, UPLINKS);
        assertEquals(List.of(), result.problems());
        return result.config().orElseThrow();
    }

    @Test
    void the_template_is_a_valid_site_for_the_real_factories() throws Exception {
        SiteConfig config = site(1883);
        assertEquals("demo-gw-1", config.gatewayId());
        assertEquals(5, config.sensors().size());
    }

    @Test
    void the_scenario_delivers_its_alarms_to_the_platform_in_order() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker();
                PlatformRecorder platform = new PlatformRecorder(brokerUrl(broker), "vigil")) {
            SiteConfig config = site(broker.port());
            platform.start(Duration.ofSeconds(5));
            try (Gateway gateway = new Gateway(config, MapDbOutbox.open(config.outbox(), Clock.systemUTC()), DRIVERS, UPLINKS,
                    Clock.systemUTC())) {
                gateway.start();
                platform.awaitAlarms(a -> a.sensor().equals("wd-shennan-underpass") && "CLEARED".equals(a.transition())
                        && "light".equals(a.level()), 1, Duration.ofSeconds(60));
            }
            List<String> seen = platform.alarms().stream().map(a -> a.transition() + " " + a.sensor() + " " + a.level()).toList();
            assertEquals(List.of(
                    "RAISED smoke-b1-3f-301 " + level(platform, "smoke-b1-3f-301"),
                    "RAISED wd-shennan-underpass light",
                    "RAISED rc-b1-3f-301 warning",
                    "RAISED wd-shennan-underpass moderate",
                    "RAISED rc-b1-3f-301 alarm",
                    "RAISED ct-b1-1f-board " + level(platform, "ct-b1-1f-board"),
                    "CLEARED wd-shennan-underpass moderate",
                    "CLEARED wd-shennan-underpass light"), seen);
            platform.alarms().forEach(a -> System.out.println(a.seq() + " " + a.transition() + " " + a.sensor() + " " + a.level()
                    + " acquired " + a.acquiredAt() + " event " + a.eventAt() + " received " + a.receivedAt()));
            for (Received.Alarm a : platform.alarms()) {
                assertEquals("demo-gw-1", a.gateway());
                assertTrue(Duration.between(a.eventAt(), a.receivedAt()).toMillis() < 1000,
                        "alarm delivered within a second of its event: " + a);
            }
            assertEquals("B1", platform.alarms().get(0).place().building());
            assertEquals("301", platform.alarms().get(0).place().room());
            assertTrue(platform.statuses().stream().anyMatch(s -> "online".equals(s.state())));
            assertTrue(platform.statuses().stream().anyMatch(s -> "stopped".equals(s.reason())), "clean stop announced");
            assertTrue(!platform.telemetry().isEmpty(), "telemetry batches arrive too");
        }
    }

    private static String brokerUrl(EmbeddedBroker broker) throws Exception {
        broker.start(0);
        return broker.url();
    }

    private static String level(PlatformRecorder platform, String sensor) {
        return platform.alarms().stream().filter(a -> a.sensor().equals(sensor)).map(Received.Alarm::level).findFirst().orElse("?");
    }
}
