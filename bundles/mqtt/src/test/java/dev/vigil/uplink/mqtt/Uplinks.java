package dev.vigil.uplink.mqtt;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds uplink configs the way the site-file parser hands them over, and uplinks for tests. */
final class Uplinks {

    static final String GATEWAY = "gw-test";
    /** Fast backoff so tests of reconnecting take a fraction of a second, not the production 1 s .. 60 s. */
    static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), () -> 0.5);

    private Uplinks() {
    }

    /** Options from key/value pairs; key i is on line 11 + i of site.yaml, the block starts on line 10. */
    static UplinkConfig config(Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourceRef> lines = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
            lines.put((String) keyValues[i], new SourceRef("site.yaml", 11 + i / 2));
        }
        return new UplinkConfig("main", "mqtt", new Options(values, lines, new SourceRef("site.yaml", 10)),
                new SourceRef("site.yaml", 9));
    }

    static MqttUplink uplink(Object... keyValues) {
        List<ConfigProblem> problems = new ArrayList<>();
        MqttUplinkOptions options = MqttUplinkOptions.parse(config(keyValues), GATEWAY, problems);
        if (options == null) {
            throw new AssertionError("test config invalid: " + problems);
        }
        return new MqttUplink("main", options, GATEWAY, Clock.systemUTC(), null, FAST);
    }

    static OutboxEntry alarm(long seq, String json) {
        return new OutboxEntry(Lane.ALARM, seq, Instant.now(), json.getBytes(StandardCharsets.UTF_8));
    }

    static OutboxEntry telemetry(long seq, String json) {
        return new OutboxEntry(Lane.TELEMETRY, seq, Instant.now(), json.getBytes(StandardCharsets.UTF_8));
    }
}
