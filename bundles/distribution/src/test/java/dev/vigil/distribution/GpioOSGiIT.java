package dev.vigil.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sim.broker.EmbeddedBroker;
import dev.vigil.sim.gpio.GpioBank;
import dev.vigil.sim.gpio.GpioServer;
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
 * The GPIO driver inside vigil.jar: Pi4J under Felix, its plugin found through Aries SPI Fly, the
 * simulator's Pi4J provider talking to the hardware simulator's GPIO header over a unix socket.
 * Smoke on the detector input must reach the platform as an alarm and sound the siren pin.
 */
class GpioOSGiIT {

    private static final String GATEWAY = "gpio-gw";
    private static final int SMOKE_PIN = 17;
    private static final int LOOP_PIN = 18;
    private static final int SIREN_PIN = 27;

    @TempDir
    Path dir;

    @Test
    void smokeOnAGpioInputRaisesTheAlarmAtThePlatformAndSoundsTheSiren() throws Exception {
        GpioBank bank = new GpioBank(Clock.systemUTC());
        bank.define(new GpioBank.Pin(SMOKE_PIN, "smoke-301", GpioBank.Direction.INPUT, false), true);
        bank.define(new GpioBank.Pin(LOOP_PIN, "smoke-301-loop", GpioBank.Direction.INPUT, false), false);
        bank.define(new GpioBank.Pin(SIREN_PIN, "siren-1", GpioBank.Direction.OUTPUT, true), false);

        try (EmbeddedBroker broker = new EmbeddedBroker();
                GpioServer gpio = new GpioServer(bank, dir.resolve("gpio.sock"))) {
            int port = broker.start(0);
            try (PlatformRecorder platform = new PlatformRecorder(broker.url(), "vigil")) {
                platform.start(Duration.ofSeconds(10));
                Path site = gpioSite(port);
                Map<String, String> env = Map.of("VIGIL_JAVA_OPTS", "-Dvigil.sim.gpio.socket=" + gpio.socketPath());
                try (GatewayProcess gateway = GatewayProcess.start("gpio", site, dir.resolve("data"), env)) {
                    gateway.awaitLine("Gateway '" + GATEWAY + "' started", Duration.ofSeconds(30));

                    bank.setActive("smoke-301", true, "test");

                    List<Received.Alarm> alarms = platform.awaitAlarms(
                            a -> GATEWAY.equals(a.gateway()) && "smoke-301".equals(a.sensor()), 1, Duration.ofSeconds(20));
                    Received.Alarm raised = alarms.get(0);
                    assertEquals("RAISED", raised.transition(), raised.toString());
                    assertEquals("SMOKE", raised.kind(), raised.toString());
                    assertTrue(gateway.accepted().stream().anyMatch(a -> a.sensor().equals("smoke-301")
                            && a.transition().equals("RAISED")), "logged as accepted");
                    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (!bank.level(SIREN_PIN) && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertTrue(bank.level(SIREN_PIN), "the simulator saw the siren pin go high; history "
                            + bank.history());
                    assertTrue(bank.history().stream().anyMatch(c -> c.pin() == SIREN_PIN && c.level()
                            && c.by().equals("gateway")), "the gateway drove it: " + bank.history());
                }
            }
        }
    }

    private Path gpioSite(int brokerPort) throws Exception {
        Path siteDir = Files.createDirectories(dir.resolve("site"));
        Path site = siteDir.resolve("site.yaml");
        Files.writeString(site, """
                gateway: {id: %s, site: %s}
                uplinks:
                  - {id: platform, type: mqtt, url: "tcp://127.0.0.1:%d", connectTimeout: 2s, publishTimeout: 2s}
                outbox: {dir: %s}
                buses:
                  - id: gpio-1
                    driver: gpio
                    provider: vigil-sim
                    outputs:
                      siren-1: {pin: %d, activeLevel: high}
                sensors:
                  - id: smoke-301
                    type: smoke
                    bus: gpio-1
                    address: {pin: %d, activeLevel: low, debounce: 20ms, supervision: {pin: %d, closedLevel: low}}
                    place: {building: B3, floor: 3F, room: "301"}
                    rules:
                      smoke: {debounce: 300ms, latching: true}
                    actions:
                      - {output: siren-1}
                """.formatted(GATEWAY, SiteFiles.SITE, brokerPort, siteDir.resolve("outbox"), SIREN_PIN, SMOKE_PIN,
                LOOP_PIN));
        return site;
    }
}
