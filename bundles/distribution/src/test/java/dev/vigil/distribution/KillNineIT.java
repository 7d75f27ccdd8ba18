package dev.vigil.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sim.broker.EmbeddedBroker;
import dev.vigil.sim.recorder.PlatformRecorder;
import dev.vigil.sim.recorder.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while alarms are being raised and the broker is unreachable, five times; then the
 * broker comes back and every alarm the gateway ever accepted must arrive, in order, no gaps.
 */
class KillNineIT {

    private static final String GATEWAY = "kill9-gw";
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void everyAcceptedAlarmSurvivesKillNineAndArrivesInOrderWithoutGaps() throws Exception {
        long seed = Long.getLong("vigil.kill9.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("KillNineIT seed " + seed + " (rerun with -Dvigil.kill9.seed=" + seed + ")");

        int port = EmbeddedBroker.unusedPort();
        // Alarms raise and clear every 200 ms.
        Path site = SiteFiles.squareWave(dir.resolve("site"), GATEWAY, port, "50ms", "400ms");
        Path data = dir.resolve("data");

        long maxAccepted = 0;
        Map<Long, GatewayProcess.Accepted> logged = new HashMap<>();
        for (int run = 1; run <= KILLS; run++) {
            GatewayProcess gateway = GatewayProcess.start("run" + run, site, data);
            try {
                gateway.awaitLine("Gateway '" + GATEWAY + "' started", Duration.ofSeconds(30));
                long seqBefore = maxAccepted;
                gateway.awaitLine(l -> GatewayProcess.ACCEPTED.matcher(l).find() && seqOf(l) > seqBefore,
                        "a newly accepted alarm", Duration.ofSeconds(10));
                Thread.sleep(200 + random.nextInt(1500));
            } finally {
                gateway.kill();
            }
            List<GatewayProcess.Accepted> accepted = gateway.accepted();
            for (GatewayProcess.Accepted a : accepted) {
                maxAccepted = Math.max(maxAccepted, a.seq());
                logged.put(a.seq(), a);
            }
            System.out.printf("run %d (pid %d): %d alarms accepted, max seq now %d%n", run, gateway.pid(),
                    accepted.size(), maxAccepted);
        }
        // The log line follows the durable commit, so a kill can fall between the two: a seq may be
        // missing from the logs and still be in the outbox. The broker below is the judge.
        assertTrue(maxAccepted >= KILLS, "alarms were accepted while the broker was down");

        try (EmbeddedBroker broker = new EmbeddedBroker();
                PlatformRecorder platform = startPlatform(broker, port);
                GatewayProcess last = GatewayProcess.start("final", site, data)) {
            long max = maxAccepted;
            // Redelivered duplicates count once: wait until every seq up to max has arrived.
            List<Received.Alarm> received = platform.await(Received.Alarm.class,
                    a -> GATEWAY.equals(a.gateway()) && a.seq() <= max, 1, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (distinctSeqs(received) < max && System.nanoTime() < deadline) {
                received = platform.await(Received.Alarm.class, a -> GATEWAY.equals(a.gateway()) && a.seq() <= max,
                        received.size() + 1, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }

            List<Long> firstArrivals = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (Received.Alarm alarm : received) {
                if (seen.add(alarm.seq())) {
                    firstArrivals.add(alarm.seq());
                    GatewayProcess.Accepted accepted = logged.get(alarm.seq());
                    if (accepted != null) {
                        assertEquals(accepted.alarmId() + " " + accepted.transition(),
                                alarm.alarmId() + " " + alarm.transition(),
                                "seq " + alarm.seq() + " arrived as the event the killed gateway accepted");
                    }
                }
            }
            List<Long> expected = new ArrayList<>();
            for (long seq = 1; seq <= max; seq++) {
                expected.add(seq);
            }
            assertEquals(expected, firstArrivals.subList(0, Math.min(firstArrivals.size(), expected.size())),
                    "every accepted alarm arrived, first arrivals in order, no gaps");
        }
    }

    private static long distinctSeqs(List<Received.Alarm> alarms) {
        return alarms.stream().mapToLong(Received.Alarm::seq).distinct().count();
    }

    private static long seqOf(String line) {
        var m = GatewayProcess.ACCEPTED.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static PlatformRecorder startPlatform(EmbeddedBroker broker, int port) throws Exception {
        int bound = broker.start(port);
        assertEquals(port, bound, "the broker came back on the port the gateway was configured with");
        PlatformRecorder platform = new PlatformRecorder(broker.url(), "vigil");
        platform.start(Duration.ofSeconds(10));
        return platform;
    }
}
