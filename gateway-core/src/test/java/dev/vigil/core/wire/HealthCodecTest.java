package dev.vigil.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.alarm.ActiveAlarm;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.health.GatewayHealth;
import dev.vigil.core.health.ProcessHealth;
import dev.vigil.core.health.SensorHealth;
import dev.vigil.core.health.SensorState;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.outbox.OutboxStats;
import dev.vigil.core.rules.AlarmKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCodecTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:01:00Z");

    @Test
    void theHealthDocumentCarriesEverySectionAStationNeeds() {
        ActiveAlarm offline = new ActiveAlarm(AlarmKey.of("wl-p12", AlarmKind.OFFLINE), "gw:wl-p12:OFFLINE:41", 41,
                true, true, false, Severity.WARNING, Quantity.WATER_DEPTH, "cm", new Place("futian", "", "", "p12"),
                null, Double.NaN, AT, AT.minusSeconds(70));
        GatewayHealth health = new GatewayHealth("gw", AT,
                new ProcessHealth(1000, 4000, AT.minusSeconds(168), Duration.ofSeconds(168)),
                List.of(new SensorHealth("wl-p12", SensorState.OFFLINE, 4.5, AT.minusSeconds(160),
                        AT.minusSeconds(161), 3, 1, "no response from slave 7 on /dev/ttyUSB0")),
                List.of(new DriverHealth("rs485-1", "modbus-rtu", ComponentStatus.degraded("SLAVE_TIMEOUT",
                        "slave 7 on /dev/ttyUSB0 does not answer"), Map.of("timeouts", 12L),
                        Map.of("slave-7", ComponentStatus.offline("TIMEOUT", "no answer within 200 ms")))),
                new OutboxStats(1, 2, 2048, AT.minusSeconds(10), 0, 1 << 20, 1),
                List.of(new UplinkHealth("primary", "mqtt", ComponentStatus.online("connected"), AT, 128, 0)),
                List.of(offline));

        JsonNode doc = HealthCodec.decode(HealthCodec.encode(health));
        assertEquals(List.of("type", "gateway", "at", "process", "sensors", "drivers", "outbox", "uplinks", "alarms"),
                iterate(doc.fieldNames()));
        assertEquals(168, doc.at("/process/uptimeSeconds").asLong());
        assertEquals("OFFLINE", doc.at("/sensors/0/state").asText());
        assertEquals("no response from slave 7 on /dev/ttyUSB0", doc.at("/sensors/0/lastError").asText());
        assertEquals("TIMEOUT", doc.at("/drivers/0/devices/slave-7/detail").asText());
        assertEquals(12, doc.at("/drivers/0/counters/timeouts").asLong());
        assertEquals(10, doc.at("/outbox/oldestAgeSeconds").asLong());
        assertEquals("2026-11-22T10:01:00.000Z", doc.at("/uplinks/0/lastAck").asText());
        assertEquals("ACKED", doc.at("/alarms/0/state").asText());
        assertTrue(doc.at("/alarms/0/conditionActive").asBoolean());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
