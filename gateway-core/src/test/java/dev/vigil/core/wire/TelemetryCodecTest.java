package dev.vigil.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryCodecTest {

    private static final Place ROOM = new Place("futian", "b1", "3F", "301");
    private static final TelemetryBatch BATCH = new TelemetryBatch("gw-futian-01", 9, List.of(
            new TelemetryReading(Reading.good("rc-3f-301", Quantity.RESIDUAL_CURRENT, 180.5,
                    Instant.parse("2026-11-22T10:00:00.120Z")), ROOM),
            new TelemetryReading(new Reading("rc-3f-301", Quantity.RESIDUAL_CURRENT, 0, "mA",
                    Instant.parse("2026-11-22T10:00:01Z"), Quality.bad("device fault 0xE5E5 (short)")), ROOM)));

    @Test
    void encodesTheAgreedShapeWithQualityReasonOnlyWhenNotGood() {
        String json = new String(TelemetryCodec.encode(BATCH), StandardCharsets.UTF_8);
        String place = "\"place\":{\"site\":\"futian\",\"building\":\"b1\",\"floor\":\"3F\",\"room\":\"301\"}";
        assertEquals("{\"type\":\"telemetry\",\"gateway\":\"gw-futian-01\",\"seq\":9,\"readings\":["
                + "{\"sensor\":\"rc-3f-301\",\"quantity\":\"RESIDUAL_CURRENT\",\"unit\":\"mA\"," + place
                + ",\"value\":180.5,\"acquiredAt\":\"2026-11-22T10:00:00.120Z\",\"quality\":\"GOOD\"},"
                + "{\"sensor\":\"rc-3f-301\",\"quantity\":\"RESIDUAL_CURRENT\",\"unit\":\"mA\"," + place
                + ",\"value\":0.0,\"acquiredAt\":\"2026-11-22T10:00:01.000Z\",\"quality\":\"BAD\","
                + "\"qualityReason\":\"device fault 0xE5E5 (short)\"}]}", json);
    }

    @Test
    void roundTripsReadingsWithTheirAcquisitionTimes() {
        TelemetryBatch back = TelemetryCodec.decode(TelemetryCodec.encode(BATCH));
        assertEquals(BATCH, back);
    }
}
