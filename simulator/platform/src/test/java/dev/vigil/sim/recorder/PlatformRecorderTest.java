package dev.vigil.sim.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Place;
import dev.vigil.sim.broker.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformRecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final EmbeddedBroker broker = new EmbeddedBroker();
    private PlatformRecorder recorder;
    private MqttClient gateway;

    @BeforeEach
    void start() throws Exception {
        broker.start(0);
        gateway = new MqttClient(broker.url(), "fake-gateway", new MemoryPersistence());
        gateway.connect();
    }

    @AfterEach
    void stop() throws Exception {
        if (recorder != null) {
            recorder.close();
        }
        gateway.disconnect();
        gateway.close();
        broker.stop();
    }

    private void publish(String topic, String json, boolean retained) throws Exception {
        gateway.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    @Test
    void decodes_alarms_with_place_times_and_numbers() throws Exception {
        recorder = new PlatformRecorder(broker.url(), "vigil");
        List<Received> heard = new CopyOnWriteArrayList<>();
        recorder.addListener(heard::add);
        recorder.start(WAIT);

        publish("vigil/gw-1/alarm", """
                {"type":"alarm","gateway":"gw-1","seq":7,"alarmId":"gw-1-rc-1-alarm-3","transition":"RAISED",\
                "sensor":"rc-1","kind":"LEVEL","level":"alarm","severity":"ALARM","quantity":"RESIDUAL_CURRENT",\
                "value":512.0,"unit":"mA","threshold":500.0,"acquiredAt":"2026-11-22T10:00:00.123Z",\
                "eventAt":"2026-11-22T10:00:00.130Z","place":{"site":"demo","building":"B1","floor":"3F","room":"301"},\
                "message":"residual current 512 mA >= 500 mA"}""", false);

        Received.Alarm a = recorder.awaitAlarms(1, WAIT).get(0);
        assertEquals("gw-1", a.gateway());
        assertEquals(7, a.seq());
        assertEquals("RAISED", a.transition());
        assertEquals(512.0, a.value());
        assertEquals(500.0, a.threshold());
        assertEquals(Instant.parse("2026-11-22T10:00:00.123Z"), a.acquiredAt());
        assertEquals(new Place("demo", "B1", "3F", "301"), a.place());
        assertEquals(List.of(a), heard);
    }

    @Test
    void sees_retained_status_and_telemetry_readings() throws Exception {
        publish("vigil/gw-1/status", "{\"gateway\":\"gw-1\",\"state\":\"online\",\"since\":\"2026-11-22T10:00:00.000Z\"}", true);
        recorder = new PlatformRecorder(broker.url(), "vigil");
        recorder.start(WAIT);
        publish("vigil/gw-1/telemetry", """
                {"type":"telemetry","gateway":"gw-1","seq":3,"readings":[{"sensor":"wd-1","quantity":"WATER_DEPTH",\
                "unit":"cm","place":{"site":"demo","building":"","floor":"","room":"P1"},"value":4.5,\
                "acquiredAt":"2026-11-22T10:00:01.000Z","quality":"BAD","qualityReason":"device fault 0xE5E5 (short circuit)"}]}""", false);

        // published before the recorder subscribed, so only retention can deliver it
        // (Moquette 0.17 does not set the retain flag on such deliveries; Mosquitto does)
        Received.Status status = recorder.awaitStatus(s -> "online".equals(s.state()), WAIT);
        assertEquals("gw-1", status.gateway());
        Received.Reading r = recorder.awaitTelemetry(t -> true, 1, WAIT).get(0).readings().get(0);
        assertEquals("wd-1", r.sensor());
        assertEquals(4.5, r.value());
        assertEquals("device fault 0xE5E5 (short circuit)", r.qualityReason());
    }

    @Test
    void keeps_undecodable_payloads_and_times_out_naming_what_arrived() throws Exception {
        recorder = new PlatformRecorder(broker.url(), "vigil");
        recorder.start(WAIT);
        publish("vigil/gw-1/alarm", "not json", false);

        RecorderTimeoutException e = assertThrows(RecorderTimeoutException.class,
                () -> recorder.awaitAlarms(1, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("cannot decode alarm"), e.getMessage());
    }
}
