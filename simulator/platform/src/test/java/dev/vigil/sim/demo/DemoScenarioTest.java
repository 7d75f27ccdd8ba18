package dev.vigil.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.config.SiteValidator;
import dev.vigil.core.engine.Gateway;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import dev.vigil.driver.modbus.ModbusRtuDriverFactory;
import dev.vigil.driver.simulated.SimulatedDriverFactory;
import dev.vigil.sim.broker.EmbeddedBroker;
import dev.vigil.sim.recorder.PlatformRecorder;
import dev.vigil.sim.recorder.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end in one process: simulator/scenarios/demo.yaml on the real hardware
 * simulator, config/demo/demo-site.yaml read by the gateway's real modbus-rtu driver over the
 * pseudo-terminal (smoke on the simulated driver), alarms delivered over MQTT to the embedded
 * broker, where the platform recorder checks their order and their latency from the simulated
 * change that caused each one.
 */
class DemoScenarioTest {

    private static final Path TEMPLATE = Path.of("../../config/demo/demo-site.yaml");
    private static final Path SCENARIO = Path.of("../../simulator/scenarios/demo.yaml");
    private static final Path PROFILES = Path.of("../../config/profiles");
    private static final Map<String, DriverFactory> DRIVERS = Map.of("modbus-rtu", new ModbusRtuDriverFactory(),
            "simulated", new SimulatedDriverFactory());
    private static final Map<String, UplinkFactory> UPLINKS = Map.of("mqtt", PahoTestUplink.factory());
    /** Poll, processing and delivery on top of a rule's delay; an OFFLINE timeout may start up to one poll (500 ms) before the silence, hence the 600 ms below the delay. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void the_demo_site_raises_its_alarms_in_order_each_within_its_delay_of_the_simulated_change() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/ptmx")), "no /dev/ptmx: the simulator cannot create its RS-485 port");
        try (EmbeddedBroker broker = new EmbeddedBroker();
                DemoHardware hardware = DemoHardware.start(SCENARIO, dir.resolve("ports"), e -> { })) {
            broker.start(0);
            String text = DemoMain.fill(Files.readString(TEMPLATE), Map.of(
                    "MQTT_PORT", Integer.toString(broker.port()),
                    "OUTBOX_DIR", dir.resolve("outbox").toString(),
                    "RS485_PORT", hardware.rs485Port().toString(),
                    "PROFILES_DIR", PROFILES.toAbsolutePath().normalize().toString()));
            Path file = Files.writeString(dir.resolve("demo-site.yaml"), text);
            SiteFileResult result = SiteValidator.check(file, DRIVERS, UPLINKS);
            assertEquals(List.of(), result.problems());
            SiteConfig config = result.config().orElseThrow();

            try (PlatformRecorder platform = new PlatformRecorder(broker.url(), DemoMain.TOPIC_PREFIX)) {
                platform.start(Duration.ofSeconds(5));
                try (Gateway gateway = new Gateway(config, MapDbOutbox.open(config.outbox(), Clock.systemUTC()), DRIVERS, UPLINKS,
                        Clock.systemUTC())) {
                    gateway.start();
                    hardware.startTimeline();
                    platform.awaitAlarms(a -> a.sensor().equals("ph-b1-1f-board") && "RAISED".equals(a.transition()), 1,
                            Duration.ofSeconds(45));
                }
                List<Received.Alarm> raised = platform.alarms().stream().filter(a -> "RAISED".equals(a.transition())).toList();
                assertEquals(List.of(
                        "smoke-b1-3f-301 SMOKE",
                        "rc-b1-3f-301 warning",
                        "wd-shennan-underpass light",
                        "rc-b1-3f-301 alarm",
                        "wd-shennan-underpass moderate",
                        "ph-b1-1f-board OFFLINE"), raised.stream().map(a -> a.sensor() + " " + label(a)).toList(),
                        "alarms raised, in order: " + raised);

                List<String> late = new ArrayList<>();
                for (Received.Alarm a : raised) {
                    if (a.sensor().startsWith("smoke")) {
                        // on the in-process simulated driver: no simulator event to measure from
                        assertTrue(Duration.between(a.acquiredAt(), a.receivedAt()).compareTo(SLACK) < 0, a.toString());
                        continue;
                    }
                    String key = AlarmLine.causeKey(a);
                    SimulatedCauses.Cause cause = hardware.causes().of(a.sensor(), key)
                            .orElseThrow(() -> new AssertionError("no simulated cause recorded for " + a.sensor() + " " + key));
                    Duration delay = ruleDelay(config, a.sensor(), key);
                    Duration latency = Duration.between(cause.at(), a.receivedAt());
                    System.out.println(a.sensor() + " " + key + ": " + latency.toMillis() + " ms after " + cause.what()
                            + " (rule delay " + delay.toMillis() + " ms)");
                    if (latency.compareTo(delay.plus(SLACK)) > 0 || latency.compareTo(delay.minusMillis(600)) < 0) {
                        late.add(a.sensor() + " " + key + " arrived " + latency.toMillis() + " ms after " + cause.what()
                                + "; expected " + delay.toMillis() + "..." + delay.plus(SLACK).toMillis() + " ms");
                    }
                }
                assertEquals(List.of(), late);
            }
        }
    }

    private static String label(Received.Alarm a) {
        return "OFFLINE".equals(AlarmLine.causeKey(a)) ? "OFFLINE" : "SMOKE".equals(a.kind()) ? "SMOKE" : a.level();
    }

    /** The on-delay of a level, or the offline timeout for OFFLINE: how long the engine must wait by design. */
    private static Duration ruleDelay(SiteConfig config, String sensor, String key) {
        SensorConfig s = config.sensors().stream().filter(x -> x.id().equals(sensor)).findFirst().orElseThrow();
        if (key.equals("OFFLINE")) {
            return s.rules().faults().offlineAfter();
        }
        return s.rules().levels().stream().filter(l -> l.name().equals(key)).map(LevelRule::onDelay).findFirst()
                .orElseThrow(() -> new AssertionError(sensor + " has no level " + key));
    }
}
