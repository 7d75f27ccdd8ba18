package dev.vigil.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Place;
import dev.vigil.sim.broker.EmbeddedBroker;
import dev.vigil.sim.recorder.PlatformRecorder;
import dev.vigil.sim.recorder.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the exported Felix runtime (bin/vigil run → vigil.jar) with the real bundles against an
 * in-process broker, and checks what the platform receives.
 */
class GatewayOSGiIT {

    private static final String GATEWAY = "it-gw";
    private static final Place PLACE = new Place(SiteFiles.SITE, SiteFiles.BUILDING, SiteFiles.FLOOR, SiteFiles.ROOM);
    private static final Duration BOOT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final EmbeddedBroker broker = new EmbeddedBroker();
    private PlatformRecorder platform;
    private GatewayProcess gateway;
    private Path site;
    private Instant launched;

    @BeforeEach
    void boot() throws Exception {
        int port = broker.start(0);
        platform = new PlatformRecorder(broker.url(), "vigil");
        platform.start(Duration.ofSeconds(10));
        site = SiteFiles.squareWave(dir.resolve("site"), GATEWAY, port, "200ms", "2s");
        launched = Instant.now();
        long t0 = System.nanoTime();
        gateway = GatewayProcess.start("it", site, dir.resolve("data"));
        gateway.awaitLine("Gateway '" + GATEWAY + "' started", BOOT);
        System.out.printf("Gateway started %d ms after launching bin/vigil run%n",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @AfterEach
    void shutDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (platform != null) {
            platform.close();
        }
        broker.close();
    }

    @Test
    void alarmsAndTelemetryArriveWithSequenceAcquisitionTimeAndPlace() {
        // QoS 1 may deliver an event twice (a resend after a timeout): judge the first arrivals.
        List<Received.Alarm> alarms = firstArrivals(
                platform.awaitAlarms(a -> GATEWAY.equals(a.gateway()), 4, Duration.ofSeconds(20)));

        Received.Alarm first = alarms.get(0);
        for (int i = 0; i < alarms.size(); i++) {
            Received.Alarm alarm = alarms.get(i);
            assertEquals(first.seq() + i, alarm.seq(), "alarm sequence numbers arrive in order without gaps");
            assertEquals(SiteFiles.SENSOR, alarm.sensor());
            assertEquals(PLACE, alarm.place());
            assertEquals("RESIDUAL_CURRENT", alarm.quantity());
            assertNotNull(alarm.acquiredAt(), "every alarm carries the acquisition time of its reading");
            assertFalse(alarm.acquiredAt().isBefore(launched), "acquired after the gateway was launched");
            assertFalse(alarm.acquiredAt().isAfter(alarm.receivedAt()), "acquired before it was received");
            if ("RAISED".equals(alarm.transition())) {
                assertTrue(alarm.value() >= 500, "raised on the 600 mA half of the wave: " + alarm);
            }
        }
        assertTrue(alarms.stream().anyMatch(a -> "RAISED".equals(a.transition())));
        assertTrue(alarms.stream().anyMatch(a -> "CLEARED".equals(a.transition())));
        // An alarm keeps its id from RAISED to CLEARED.
        Map<String, List<String>> transitionsById = alarms.stream().collect(Collectors.groupingBy(
                Received.Alarm::alarmId, Collectors.mapping(Received.Alarm::transition, Collectors.toList())));
        assertTrue(transitionsById.values().stream().anyMatch(t -> t.equals(List.of("RAISED", "CLEARED"))),
                "some alarm went RAISED then CLEARED under one id: " + transitionsById);

        // What arrived is what the gateway logged as durably accepted, seq by seq.
        Map<Long, GatewayProcess.Accepted> accepted = gateway.accepted().stream()
                .collect(Collectors.toMap(GatewayProcess.Accepted::seq, Function.identity(), (a, b) -> a));
        for (Received.Alarm alarm : alarms) {
            GatewayProcess.Accepted logged = accepted.get(alarm.seq());
            assertNotNull(logged, "seq " + alarm.seq() + " arrived but was never logged as accepted");
            assertEquals(logged.alarmId(), alarm.alarmId());
            assertEquals(logged.transition(), alarm.transition());
        }

        List<Received.Telemetry> telemetry = platform.awaitTelemetry(t -> GATEWAY.equals(t.gateway()), 3,
                Duration.ofSeconds(10));
        assertTrue(telemetry.stream().mapToLong(Received.Telemetry::seq).distinct().count() >= 2
                && telemetry.get(telemetry.size() - 1).seq() > telemetry.get(0).seq(),
                "telemetry batches are numbered in increasing order");
        for (Received.Telemetry batch : telemetry) {
            assertFalse(batch.readings().isEmpty());
            for (Received.Reading reading : batch.readings()) {
                assertEquals(SiteFiles.SENSOR, reading.sensor());
                assertEquals(PLACE, reading.place());
                assertNotNull(reading.acquiredAt());
                assertFalse(reading.acquiredAt().isBefore(launched));
                assertEquals("GOOD", reading.quality());
                assertTrue(reading.value() == 100.0 || reading.value() == 600.0, "a value of the wave: " + reading);
            }
        }
    }

    @Test
    void aBrokenSiteFileIsRefusedAndAlarmsKeepFlowing() throws Exception {
        platform.awaitAlarms(a -> GATEWAY.equals(a.gateway()), 2, Duration.ofSeconds(20));

        Files.writeString(site, """
                gateway:
                  id: it-gw
                sensors:
                  - id: rc-b1-101
                    type: residual-curent
                    bus: no-such-bus
                """);
        String refused = gateway.awaitLine("Refused site file", Duration.ofSeconds(10));
        assertTrue(refused.contains("WARN"), "refusing is a warning: " + refused);
        int afterRefusal = gateway.lines().size();
        long lastSeqBefore = platform.alarms().stream().mapToLong(Received.Alarm::seq).max().orElseThrow();

        List<Received.Alarm> later = platform.awaitAlarms(
                a -> GATEWAY.equals(a.gateway()) && a.seq() > lastSeqBefore, 3, Duration.ofSeconds(15));

        assertEquals(lastSeqBefore + 1, later.get(0).seq(), "the same gateway goes on numbering");
        List<String> since = gateway.lines().subList(afterRefusal, gateway.lines().size());
        assertTrue(since.stream().noneMatch(l -> l.contains("Gateway '" + GATEWAY + "' stopped")),
                "the running gateway was not stopped by a broken file");
        List<String> problems = gateway.lines().stream().filter(l -> l.contains("WARN") && l.contains(site.toString() + ":"))
                .toList();
        assertTrue(problems.size() >= 2, "every problem is logged with file:line: " + problems);
    }

    @Test
    void sigtermStopsTheGatewayCleanlyAndThePlatformSeesWhy() throws Exception {
        platform.awaitStatus(s -> GATEWAY.equals(s.gateway()) && "online".equals(s.state()), Duration.ofSeconds(20));

        gateway.close(); // SIGTERM, as systemd sends it

        Received.Status stopped = platform.awaitStatus(
                s -> GATEWAY.equals(s.gateway()) && "offline".equals(s.state()), Duration.ofSeconds(20));
        assertEquals("stopped", stopped.reason(), "a clean stop, not the last will");
        assertTrue(gateway.lines().stream().anyMatch(l -> l.contains("Gateway '" + GATEWAY + "' stopped")),
                "the framework stopped the gateway before the JVM exited; output:\n"
                        + String.join("\n", gateway.lines()));
    }

    @Test
    void aValidChangeRestartsTheGatewayWithTheNewConfig() throws Exception {
        platform.awaitAlarms(a -> GATEWAY.equals(a.gateway()), 2, Duration.ofSeconds(20));

        Files.writeString(site, Files.readString(site).replace("room: \"101\"", "room: \"102\""));
        gateway.awaitLine("changed; applying it", Duration.ofSeconds(10));
        gateway.awaitLine(l -> l.contains("Gateway '" + GATEWAY + "' stopped"), "the old gateway stopping",
                Duration.ofSeconds(10));
        long lastSeqBefore = platform.alarms().stream().mapToLong(Received.Alarm::seq).max().orElseThrow();

        Place moved = new Place(SiteFiles.SITE, SiteFiles.BUILDING, SiteFiles.FLOOR, "102");
        List<Received.Alarm> after = platform.awaitAlarms(a -> GATEWAY.equals(a.gateway()) && moved.equals(a.place()),
                2, Duration.ofSeconds(20));

        assertTrue(after.get(0).seq() > lastSeqBefore, "the restarted gateway goes on from the outbox's sequence");
    }

    private static List<Received.Alarm> firstArrivals(List<Received.Alarm> alarms) {
        Map<Long, Received.Alarm> bySeq = new java.util.LinkedHashMap<>();
        alarms.forEach(a -> bySeq.putIfAbsent(a.seq(), a));
        return List.copyOf(bySeq.values());
    }
}
