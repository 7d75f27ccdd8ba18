package dev.vigil.core.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import dev.vigil.core.config.OutboxConfig;

/**
 * Child process of {@link OutboxCrashTest}: appends alarms (each followed by a 16 kB telemetry
 * batch, so evictions happen) until it is killed, printing {@code ACCEPTED <seq>} only after appendAlarm returned.
 * Each alarm also commits the state key {@code last} = its sequence, to check state and event are
 * committed together.
 */
public final class OutboxCrashChild {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        OutboxConfig config = new OutboxConfig(dir, OutboxCrashTest.TELEMETRY_MAX_BYTES, MapDbOutbox.MIN_SEGMENT_BYTES);
        MapDbOutbox outbox = MapDbOutbox.open(config, Clock.systemUTC());
        long seq = outbox.lastSequence(Lane.ALARM);
        long telemetry = outbox.lastSequence(Lane.TELEMETRY);
        System.out.println("OPENED " + seq);
        while (true) {
            seq++;
            byte[] payload = OutboxFixtures.payload("alarm", seq, 300);
            outbox.appendAlarm(seq, payload, Map.of("last", Long.toString(seq).getBytes(StandardCharsets.UTF_8)));
            System.out.println("ACCEPTED " + seq);
            telemetry++;
            outbox.appendTelemetry(telemetry, OutboxFixtures.payload("tele", telemetry, 16_000));
        }
    }
}
