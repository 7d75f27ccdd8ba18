package dev.vigil.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusCodecTest {

    @Test
    void onlineAndOfflineDocumentsHaveTheAgreedShape() {
        Instant since = Instant.parse("2026-11-22T10:00:00Z");
        assertEquals("{\"gateway\":\"gw-1\",\"state\":\"online\",\"since\":\"2026-11-22T10:00:00.000Z\"}",
                new String(StatusCodec.online("gw-1", since), StandardCharsets.UTF_8));
        byte[] will = StatusCodec.offline("gw-1", since, StatusCodec.REASON_CONNECTION_LOST);
        assertEquals("{\"gateway\":\"gw-1\",\"state\":\"offline\",\"since\":\"2026-11-22T10:00:00.000Z\","
                + "\"reason\":\"connection lost\"}", new String(will, StandardCharsets.UTF_8));
        assertEquals(new StatusCodec.Status("gw-1", "offline", since, "connection lost"), StatusCodec.decode(will));
    }
}
