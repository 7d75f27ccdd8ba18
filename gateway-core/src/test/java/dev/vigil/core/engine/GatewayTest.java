package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.health.GatewayHealth;
import dev.vigil.core.health.SensorHealth;
import dev.vigil.core.health.SensorState;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import dev.vigil.core.model.Severity;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.rules.FaultRules;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.rules.SensorRules;
import dev.vigil.core.testing.FakeDriver;
import dev.vigil.core.testing.FakeOutbox;
import dev.vigil.core.testing.FakeUplink;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.core.testing.OutboxContents;
import dev.vigil.core.testing.Sites;
import dev.vigil.core.testing.Waits;
import dev.vigil.core.wire.HealthCodec;
import dev.vigil.core.wire.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The threaded pipeline end to end: fake driver → engine → fake outbox → forwarder → fake uplink. */
class GatewayTest {

    static final GatewaySettings FAST = GatewaySettings.DEFAULTS.withTickInterval(Duration.ofMillis(20));
    static final Duration WAIT = Duration.ofSeconds(5);

    static SiteConfig site() {
        return Sites.site(List.of(
                Sites.smoke("sd-1", Duration.ZERO, true),
                Sites.sensor("rc-1", Quantity.RESIDUAL_CURRENT, new SensorRules(
                        List.of(new LevelRule("alarm", Severity.ALARM, LevelRule.Direction.ABOVE, 500, 450,
                                Duration.ZERO, Duration.ZERO, false)),
                        null, null, new FaultRules(Duration.ofSeconds(30), null, 0.0, 1000.0, true,
                                Severity.WARNING)))),
                100, Duration.ofSeconds(10));
    }

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final FakeOutbox outbox = new FakeOutbox(clock);
    final FakeDriver driver = new FakeDriver("bus-1");
    final FakeUplink uplink = new FakeUplink("primary");
    Gateway gateway;

    Gateway start(SiteConfig site, FakeOutbox box, FakeUplink up) {
        gateway = new Gateway(site, box, Map.of("fake", FakeDriver.factory(driver)),
                Map.of("fake", FakeUplink.factory(up)), clock, FAST);
        gateway.start();
        return gateway;
    }

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    void deliver(String sensor, Quantity q, double value) {
        driver.deliver(Reading.good(sensor, q, value, clock.instant()));
    }

    List<AlarmEvent> alarmsAtPlatform(FakeUplink up) {
        return OutboxContents.alarms(up.arrivals().stream().map(FakeUplink.Arrival::entry).toList());
    }

    @Test
    void aSmokeAlarmReachesThePlatformWellWithinASecond() {
        start(site(), outbox, uplink);
        Waits.sleepBriefly(); // everything idle
        long delivered = System.nanoTime();
        deliver("sd-1", Quantity.SMOKE, 1);
        Waits.until(WAIT, () -> !alarmsAtPlatform(uplink).isEmpty(), "smoke alarm published");
        long latencyMs = (uplink.arrivals().get(0).atNanos() - delivered) / 1_000_000;
        assertTrue(latencyMs < 1000, "reading to publish took " + latencyMs + " ms");
        AlarmEvent raised = alarmsAtPlatform(uplink).get(0);
        assertEquals("RAISED sd-1/SMOKE", OutboxContents.transitions(List.of(raised)).get(0));
        Waits.until(WAIT, () -> outbox.entries(Lane.ALARM).isEmpty(), "acknowledged alarm deleted from the outbox");
    }

    @Test
    void acknowledgingALatchedAlarmSendsAckedAndCleared() {
        start(site(), outbox, uplink);
        deliver("sd-1", Quantity.SMOKE, 1);
        deliver("sd-1", Quantity.SMOKE, 0);
        Waits.until(WAIT, () -> alarmsAtPlatform(uplink).size() == 1, "raised");
        String id = alarmsAtPlatform(uplink).get(0).alarmId();
        assertEquals(1, gateway.health().activeAlarms().size());
        assertTrue(gateway.acknowledge(id, "station"));
        assertFalse(gateway.acknowledge(id, "station"));
        Waits.until(WAIT, () -> alarmsAtPlatform(uplink).size() == 3, "acked and cleared");
        assertEquals(List.of("RAISED sd-1/SMOKE", "ACKED sd-1/SMOKE", "CLEARED sd-1/SMOKE"),
                OutboxContents.transitions(alarmsAtPlatform(uplink)));
        assertEquals(List.of(1L, 2L, 3L), alarmsAtPlatform(uplink).stream().map(AlarmEvent::sequence).toList());
        assertTrue(gateway.health().activeAlarms().isEmpty());
    }

    @Test
    void readingsTravelAsTelemetryWithTheirAcquisitionTimesOnceTheBatchIsOld() {
        start(site(), outbox, uplink);
        Instant acquired = clock.instant();
        deliver("rc-1", Quantity.RESIDUAL_CURRENT, 180);
        deliver("rc-1", Quantity.RESIDUAL_CURRENT, 181);
        Waits.until(WAIT, () -> gateway.health().sensors().stream().anyMatch(s -> s.goodCount() == 2), "processed");
        Waits.sleepBriefly();
        assertTrue(uplink.arrivals().isEmpty(), "the batch is not old enough yet");
        clock.advanceSeconds(10);
        Waits.until(WAIT, () -> uplink.arrivals().size() == 1, "telemetry batch published");
        TelemetryBatch batch = OutboxContents.telemetry(List.of(uplink.arrivals().get(0).entry())).get(0);
        assertEquals(1, batch.sequence());
        assertEquals(List.of(180.0, 181.0), batch.readings().stream().map(r -> r.reading().value()).toList());
        assertEquals(acquired, batch.readings().get(0).reading().acquiredAt());
    }

    @Test
    void healthShowsSensorsDriversOutboxUplinksAndAlarmsAndIsPublishedAtStartAndEveryInterval() {
        start(site(), outbox, uplink);
        Waits.until(WAIT, () -> uplink.healthDocuments().size() == 1, "health published at start");
        driver.deliver(new Reading("rc-1", Quantity.RESIDUAL_CURRENT, 0, "mA", clock.instant(),
                Quality.deviceFault(0xE5E5, "short")));
        deliver("sd-1", Quantity.SMOKE, 1);
        Waits.until(WAIT, () -> gateway.health().activeAlarms().size() == 2, "device fault and smoke active");

        GatewayHealth health = gateway.health();
        assertEquals(Sites.GATEWAY, health.gatewayId());
        Map<String, SensorHealth> sensors = health.sensors().stream()
                .collect(java.util.stream.Collectors.toMap(SensorHealth::sensorId, s -> s));
        assertEquals(SensorState.FAULT, sensors.get("rc-1").state());
        assertEquals(1, sensors.get("rc-1").errorCount());
        assertEquals("device fault 0xE5E5 (short)", sensors.get("rc-1").lastError());
        assertEquals(SensorState.OK, sensors.get("sd-1").state());
        assertEquals("bus-1", health.drivers().get(0).busId());
        assertEquals("primary", health.uplinks().get(0).id());
        assertNotNull(health.outbox());
        assertTrue(health.process().heapMaxBytes() > 0);

        clock.advanceSeconds(31); // rc-1 last heard of 31 s ago; sd-1 has no offline rule
        Waits.until(WAIT, () -> gateway.health().sensors().get(1).state() == SensorState.OFFLINE,
                "rc-1 OFFLINE by the tick alone");
        assertEquals(SensorState.OK, gateway.health().sensors().get(0).state());
        clock.advanceSeconds(30);
        Waits.until(WAIT, () -> uplink.healthDocuments().size() == 2, "health published after the interval");
        JsonNode doc = HealthCodec.decode(uplink.healthDocuments().get(1));
        assertEquals(Sites.GATEWAY, doc.get("gateway").asText());
        assertEquals("OFFLINE", doc.get("sensors").get(1).get("state").asText());
        assertTrue(doc.get("alarms").size() >= 3, doc.toString());
    }

    @Test
    void closeStopsDriversUplinksAndEveryThreadAndClosesTheOutbox() {
        start(site(), outbox, uplink);
        deliver("rc-1", Quantity.RESIDUAL_CURRENT, 520);
        Waits.until(WAIT, () -> !uplink.arrivals().isEmpty(), "running");
        assertFalse(vigilThreads().isEmpty());
        gateway.close();
        gateway.close();
        assertTrue(driver.stopped());
        assertTrue(uplink.stopped());
        assertTrue(outbox.isClosed());
        assertEquals(List.of(), vigilThreads(), "threads left running after close");
    }

    @Test
    void closeStoresTheReadingsOfTheOpenBatch() {
        uplink.setConnected(false);
        start(site(), outbox, uplink);
        deliver("rc-1", Quantity.RESIDUAL_CURRENT, 180);
        Waits.until(WAIT, () -> gateway.health().sensors().stream().anyMatch(s -> s.goodCount() == 1), "processed");
        gateway.close();
        List<OutboxEntry> telemetry = outbox.entries(Lane.TELEMETRY);
        assertEquals(1, telemetry.size());
    }

    static List<String> vigilThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(NamedThreads.PREFIX)).toList();
    }

    @Test
    void aMissingDriverOrUplinkTypeIsAnErrorNamingTheType() {
        SiteConfig site = site();
        IllegalStateException noDriver = assertThrows(IllegalStateException.class,
                () -> new Gateway(site, outbox, Map.of(), Map.of("fake", FakeUplink.factory(uplink)), clock));
        assertTrue(noDriver.getMessage().contains("'fake'") && noDriver.getMessage().contains("'bus-1'"),
                noDriver.getMessage());
        IllegalStateException noUplink = assertThrows(IllegalStateException.class,
                () -> new Gateway(site, outbox, Map.of("fake", FakeDriver.factory(driver)), Map.of(), clock));
        assertTrue(noUplink.getMessage().contains("uplink of type 'fake'") && noUplink.getMessage().contains("'primary'"),
                noUplink.getMessage());
    }

    @Test
    void aRestartOnTheSameOutboxSendsWhatWasAcceptedAndDoesNotRaiseTheActiveAlarmAgain() {
        uplink.setConnected(false);
        start(site(), outbox, uplink);
        deliver("rc-1", Quantity.RESIDUAL_CURRENT, 520);
        Waits.until(WAIT, () -> outbox.entries(Lane.ALARM).size() == 1, "alarm accepted while the link is down");
        gateway.close();

        FakeUplink afterRestart = new FakeUplink("primary");
        start(site(), outbox.reopen(), afterRestart);
        deliver("rc-1", Quantity.RESIDUAL_CURRENT, 530);
        deliver("rc-1", Quantity.RESIDUAL_CURRENT, 100);
        Waits.until(WAIT, () -> alarmsAtPlatform(afterRestart).size() == 2, "raised (from before) and cleared");
        List<AlarmEvent> events = alarmsAtPlatform(afterRestart);
        assertEquals(List.of("RAISED rc-1/alarm", "CLEARED rc-1/alarm"), OutboxContents.transitions(events));
        assertEquals(events.get(0).alarmId(), events.get(1).alarmId());
        assertEquals(List.of(1L, 2L), events.stream().map(AlarmEvent::sequence).toList());
    }
}
