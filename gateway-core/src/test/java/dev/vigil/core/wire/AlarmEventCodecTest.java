package dev.vigil.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.AlarmTransition;
import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmEventCodecTest {

    static final AlarmEvent RAISED = new AlarmEvent(42, "gw-futian-01:rc-3f-301:alarm:42", AlarmTransition.RAISED,
            "rc-3f-301", AlarmKind.LEVEL, "alarm", Severity.ALARM, Quantity.RESIDUAL_CURRENT, 512.0, "mA", 500.0,
            Instant.parse("2026-11-22T10:00:00.123Z"), Instant.parse("2026-11-22T10:00:05Z"),
            new Place("futian", "b1", "3F", "301"), "alarm reached: 512.0 >= 500.0 mA");

    @Test
    void encodesTheAgreedShapeWithFieldsInOrder() {
        String json = new String(AlarmEventCodec.encode("gw-futian-01", RAISED), StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"alarm\",\"gateway\":\"gw-futian-01\",\"seq\":42,"
                + "\"alarmId\":\"gw-futian-01:rc-3f-301:alarm:42\",\"transition\":\"RAISED\",\"sensor\":\"rc-3f-301\","
                + "\"kind\":\"LEVEL\",\"level\":\"alarm\",\"severity\":\"ALARM\",\"quantity\":\"RESIDUAL_CURRENT\","
                + "\"value\":512.0,\"unit\":\"mA\",\"threshold\":500.0,\"acquiredAt\":\"2026-11-22T10:00:00.123Z\","
                + "\"eventAt\":\"2026-11-22T10:00:05.000Z\","
                + "\"place\":{\"site\":\"futian\",\"building\":\"b1\",\"floor\":\"3F\",\"room\":\"301\"},"
                + "\"message\":\"alarm reached: 512.0 >= 500.0 mA\"}", json);
    }

    @Test
    void roundTripsEveryField() {
        DecodedAlarm decoded = AlarmEventCodec.decode(AlarmEventCodec.encode("gw-futian-01", RAISED));
        assertEquals("gw-futian-01", decoded.gateway());
        assertEquals(RAISED, decoded.event());
    }

    @Test
    void aValueThatIsNotANumberTravelsAsNullAndAMissingThresholdAsNull() {
        AlarmEvent offline = new AlarmEvent(7, "gw:wl-1:OFFLINE:7", AlarmTransition.RAISED, "wl-1",
                AlarmKind.OFFLINE, "OFFLINE", Severity.WARNING, Quantity.WATER_DEPTH, Double.NaN, "cm", null,
                Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:00:00Z"),
                new Place("futian", null, null, "p-12"), "no reading for more than 300 s");
        String json = new String(AlarmEventCodec.encode("gw", offline), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"value\":null,\"unit\":\"cm\",\"threshold\":null"), json);
        AlarmEvent back = AlarmEventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).event();
        assertTrue(Double.isNaN(back.value()));
        assertEquals(offline.place(), back.place());
    }

    @Test
    void rejectsADocumentOfAnotherTypeNamingIt() {
        WireException e = assertThrows(WireException.class,
                () -> AlarmEventCodec.decode("{\"type\":\"telemetry\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("'telemetry'"), e.getMessage());
        WireException missing = assertThrows(WireException.class, () -> AlarmEventCodec.decode(
                "{\"type\":\"alarm\",\"gateway\":\"g\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(missing.getMessage().contains("'seq'"), missing.getMessage());
    }
}
