package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.testing.FakeOutbox;
import dev.vigil.core.testing.FakeUplink;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.core.testing.Waits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForwarderTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final FakeOutbox outbox = new FakeOutbox(clock);
    private final Wakeup wakeup = new Wakeup();
    private Forwarder forwarder;
    private Thread thread;

    private void start(int window, Duration publishTimeout, FakeUplink... uplinks) {
        forwarder = new Forwarder(outbox, List.of(uplinks), window, publishTimeout, wakeup);
        thread = new Thread(forwarder, "vigil-forwarder-test");
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (forwarder != null) {
            forwarder.stop();
            thread.interrupt();
            thread.join(5000);
            assertTrue(!thread.isAlive(), "forwarder thread stopped");
        }
    }

    private void appendAlarms(long from, long to) {
        for (long s = from; s <= to; s++) {
            outbox.appendAlarm(s, ("alarm " + s).getBytes(StandardCharsets.UTF_8), Map.of());
        }
        wakeup.signal();
    }

    private void appendTelemetry(long from, long to) {
        for (long s = from; s <= to; s++) {
            outbox.appendTelemetry(s, ("telemetry " + s).getBytes(StandardCharsets.UTF_8));
        }
        wakeup.signal();
    }

    /** Lane and sequence of each message in the order it first reached the platform. */
    private static List<String> firstArrivals(FakeUplink uplink) {
        Set<String> seen = new LinkedHashSet<>();
        for (FakeUplink.Arrival a : uplink.arrivals()) {
            seen.add(a.entry().lane() + ":" + a.entry().sequence());
        }
        return new ArrayList<>(seen);
    }

    private static List<String> expected(Lane lane, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(s -> lane + ":" + s).toList();
    }

    @Test
    void failedPublishesAreResentFromTheOldestUnacknowledgedWithoutLossOrReordering() {
        FakeUplink uplink = new FakeUplink("primary");
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        // every 7th message fails the first time, breaking the connection like a dropped TCP link
        uplink.failWhen(e -> e.sequence() % 7 == 0 && failedOnce.add(e.sequence()));
        appendAlarms(1, 40);
        start(8, Duration.ofSeconds(5), uplink);
        Waits.until(Duration.ofSeconds(10), () -> outbox.entries(Lane.ALARM).isEmpty(), "alarm lane drained");
        assertEquals(expected(Lane.ALARM, 1, 40), firstArrivals(uplink));
        assertTrue(failedOnce.size() >= 5, "failures were injected: " + failedOnce);
    }

    @Test
    void withAWindowOfOneOrderHoldsEvenIfTheUplinkDropsSingleMessages() {
        FakeUplink uplink = new FakeUplink("primary");
        uplink.dropIndividually();
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        uplink.failWhen(e -> e.sequence() % 3 == 0 && failedOnce.add(e.sequence()));
        appendAlarms(1, 15);
        start(1, Duration.ofSeconds(5), uplink);
        Waits.until(Duration.ofSeconds(10), () -> outbox.entries(Lane.ALARM).isEmpty(), "alarm lane drained");
        assertEquals(expected(Lane.ALARM, 1, 15), firstArrivals(uplink));
    }

    @Test
    void afterAnOutageEveryAlarmIsSentBeforeAnyTelemetry() {
        FakeUplink uplink = new FakeUplink("primary");
        uplink.setConnected(false);
        start(4, Duration.ofSeconds(5), uplink);
        appendTelemetry(1, 20);
        appendAlarms(1, 3);
        appendTelemetry(21, 30);
        appendAlarms(4, 6);
        Waits.sleepBriefly(); // the forwarder polls a dead link and sends nothing
        assertEquals(List.of(), uplink.arrivals());
        uplink.setConnected(true);
        Waits.until(Duration.ofSeconds(10), () -> outbox.entries(Lane.TELEMETRY).isEmpty(), "telemetry drained");
        List<String> arrivals = firstArrivals(uplink);
        assertEquals(expected(Lane.ALARM, 1, 6), arrivals.subList(0, 6));
        assertEquals(expected(Lane.TELEMETRY, 1, 30), arrivals.subList(6, 36));
    }

    @Test
    void anAppendWakesTheIdleForwarderAtOnce() {
        FakeUplink uplink = new FakeUplink("primary");
        start(4, Duration.ofSeconds(5), uplink);
        Waits.sleepBriefly(); // idle now, waiting up to a second for work
        long appended = System.nanoTime();
        appendAlarms(1, 1);
        Waits.until(Duration.ofSeconds(2), () -> uplink.arrivals().size() == 1, "alarm published");
        long latencyMs = (uplink.arrivals().get(0).atNanos() - appended) / 1_000_000;
        assertTrue(latencyMs < 300, "published " + latencyMs + " ms after the append");
    }

    @Test
    void theFirstConnectedUplinkInConfigurationOrderCarriesEverything() {
        FakeUplink primary = new FakeUplink("primary");
        FakeUplink secondary = new FakeUplink("secondary");
        primary.setConnected(false);
        appendAlarms(1, 2);
        start(4, Duration.ofSeconds(5), primary, secondary);
        Waits.until(Duration.ofSeconds(5), () -> outbox.entries(Lane.ALARM).isEmpty(), "sent via secondary");
        assertEquals(2, secondary.arrivals().size());
        primary.setConnected(true);
        appendAlarms(3, 3);
        Waits.until(Duration.ofSeconds(5), () -> primary.arrivals().size() == 1, "primary preferred again");
        assertEquals(2, secondary.arrivals().size());
    }

    @Test
    void anUnansweredPublishTimesOutAndIsResent() {
        FakeUplink answered = new FakeUplink("primary");
        List<OutboxEntry> unanswered = new ArrayList<>();
        FakeUplink silentOnce = new FakeUplink("primary") {
            @Override
            public CompletionStage<Void> publish(OutboxEntry entry) {
                synchronized (unanswered) {
                    if (unanswered.isEmpty()) {
                        unanswered.add(entry);
                        return new CompletableFuture<>(); // never completes
                    }
                }
                return answered.publish(entry);
            }
        };
        appendAlarms(1, 1);
        start(1, Duration.ofMillis(200), silentOnce);
        Waits.until(Duration.ofSeconds(5), () -> outbox.entries(Lane.ALARM).isEmpty(), "resent after timeout");
        assertEquals(1, answered.arrivals().size());
    }
}
