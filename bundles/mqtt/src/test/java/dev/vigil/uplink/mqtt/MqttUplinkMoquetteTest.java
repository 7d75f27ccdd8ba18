package dev.vigil.uplink.mqtt;

import static dev.vigil.uplink.mqtt.Uplinks.GATEWAY;
import static dev.vigil.uplink.mqtt.Uplinks.alarm;
import static dev.vigil.uplink.mqtt.Uplinks.telemetry;
import static dev.vigil.uplink.mqtt.Uplinks.uplink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.sim.broker.EmbeddedBroker;
import dev.vigil.sim.recorder.PlatformRecorder;
import dev.vigil.sim.recorder.Received;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The uplink against a real in-process broker (Moquette 0.17). */
class MqttUplinkMoquetteTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALARM_JSON = "{\"type\":\"alarm\",\"gateway\":\"gw-test\",\"seq\":1,\"alarmId\":\"a-1\","
            + "\"transition\":\"RAISED\",\"sensor\":\"rc-1\",\"value\":512.0,\"message\":\"residual current 512 mA \u2265 500 mA\"}";

    private final EmbeddedBroker broker = new EmbeddedBroker();
    private MqttUplink uplink;
    private PlatformRecorder recorder;
    private TcpProxy proxy;

    @AfterEach
    void tearDown() throws Exception {
        if (uplink != null) {
            uplink.stop();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        broker.stop();
    }

    private void startRecorder() throws Exception {
        recorder = new PlatformRecorder(broker.url(), "vigil");
        recorder.start(WAIT);
    }

    private void awaitConnected() {
        Await.until(uplink::isConnected, WAIT, () -> "uplink connected, health " + uplink.health());
    }

    private static Throwable failureOf(CompletableFuture<Void> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return e.getCause();
    }

    @Test
    void publish_completes_on_puback_and_the_platform_sees_the_exact_payload_on_the_lane_topic() throws Exception {
        broker.start(0);
        startRecorder();
        uplink = uplink("url", broker.url());
        uplink.start();
        awaitConnected();

        uplink.publish(alarm(1, ALARM_JSON)).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        uplink.publish(telemetry(4, "{\"type\":\"telemetry\",\"seq\":4,\"readings\":[]}"))
                .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        Received.Alarm a = recorder.awaitAlarms(1, WAIT).get(0);
        assertEquals("vigil/gw-test/alarm", a.topic());
        assertEquals("residual current 512 mA \u2265 500 mA", a.message());
        Received.Telemetry t = recorder.awaitTelemetry(x -> true, 1, WAIT).get(0);
        assertEquals("vigil/gw-test/telemetry", t.topic());
        assertEquals(4, t.seq());
        UplinkHealth h = uplink.health();
        assertEquals(ComponentStatus.Status.ONLINE, h.status().status());
        assertEquals(2, h.published());
        assertEquals(0, h.failures());
        assertNotNull(h.lastAck());
    }

    @Test
    void exact_bytes_arrive_on_a_custom_prefix() throws Exception {
        broker.start(0);
        BlockingQueue<MqttMessage> heard = new LinkedBlockingQueue<>();
        MqttClient platform = new MqttClient(broker.url(), "platform", new MemoryPersistence());
        platform.connect();
        platform.subscribe("city/futian/gw-test/alarm", 1, (topic, message) -> heard.add(message));
        try {
            uplink = uplink("url", broker.url(), "topicPrefix", "city/futian");
            uplink.start();
            awaitConnected();

            uplink.publish(alarm(1, ALARM_JSON)).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            MqttMessage m = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(m, "nothing on city/futian/gw-test/alarm");
            assertArrayEquals(ALARM_JSON.getBytes(StandardCharsets.UTF_8), m.getPayload());
            assertEquals(1, m.getQos());
            assertFalse(m.isRetained());
        } finally {
            platform.disconnect();
            platform.close();
        }
    }

    @Test
    void without_a_broker_publish_fails_and_health_says_connection_refused_with_the_url() {
        int nobody = EmbeddedBroker.unusedPort();
        uplink = uplink("url", "tcp://127.0.0.1:" + nobody);
        uplink.start();

        Await.until(() -> uplink.health().status().status() == ComponentStatus.Status.OFFLINE, WAIT,
                () -> "OFFLINE, was " + uplink.health());
        assertFalse(uplink.isConnected());
        ComponentStatus s = uplink.health().status();
        assertEquals("CONNECTION_REFUSED", s.detail());
        assertTrue(s.message().contains("tcp://127.0.0.1:" + nobody), s.message());
        Throwable why = failureOf(uplink.publish(alarm(1, ALARM_JSON)).toCompletableFuture());
        assertInstanceOf(MqttUplinkException.class, why);
        assertTrue(why.getMessage().contains("not connected to tcp://127.0.0.1:" + nobody), why.getMessage());
        assertEquals(1, uplink.health().failures());
    }

    @Test
    void connects_by_itself_when_the_broker_starts_later() throws Exception {
        int port = EmbeddedBroker.unusedPort();
        uplink = uplink("url", "tcp://127.0.0.1:" + port);
        uplink.start();
        Await.until(() -> "CONNECTION_REFUSED".equals(uplink.health().status().detail()), WAIT,
                () -> "refused first, was " + uplink.health());

        assertEquals(port, broker.start(port));
        startRecorder();
        awaitConnected();
        uplink.publish(alarm(1, ALARM_JSON)).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("a-1", recorder.awaitAlarms(1, WAIT).get(0).alarmId());
    }

    @Test
    void in_flight_publishes_fail_when_the_broker_stops() throws Exception {
        broker.start(0);
        proxy = new TcpProxy(broker.port());
        uplink = uplink("url", proxy.url(), "publishTimeout", "60s");
        uplink.start();
        awaitConnected();
        proxy.dropReplies();

        CompletableFuture<Void> inFlight = uplink.publish(alarm(7, ALARM_JSON)).toCompletableFuture();
        Thread.sleep(300); // give a PUBACK the chance to (wrongly) arrive
        assertFalse(inFlight.isDone(), "no PUBACK can arrive while replies are dropped");
        broker.stop();

        Throwable why = failureOf(inFlight);
        assertTrue(why.getMessage().contains("seq 7 stays in the outbox"), why.getMessage());
        Await.until(() -> !uplink.isConnected(), WAIT, () -> "disconnected");
        assertEquals(ComponentStatus.Status.OFFLINE, uplink.health().status().status());
    }

    @Test
    void a_publish_without_puback_fails_after_publishTimeout() throws Exception {
        broker.start(0);
        proxy = new TcpProxy(broker.port());
        uplink = uplink("url", proxy.url(), "publishTimeout", "300ms");
        uplink.start();
        awaitConnected();
        proxy.dropReplies();

        Throwable why = failureOf(uplink.publish(alarm(3, ALARM_JSON)).toCompletableFuture());

        assertTrue(why.getMessage().contains("no PUBACK from " + proxy.url() + " for vigil/gw-test/alarm seq 3 within 300 ms"),
                why.getMessage());
        assertEquals(1, uplink.health().failures());
    }

    @Test
    void retained_status_is_online_after_connect_and_offline_after_stop() throws Exception {
        broker.start(0);
        uplink = uplink("url", broker.url());
        uplink.start();
        awaitConnected();

        startRecorder(); // subscribes after the connect: only retention can deliver the status
        Received.Status online = recorder.awaitStatus(s -> "online".equals(s.state()), WAIT);
        assertEquals(GATEWAY, online.gateway());
        assertEquals("vigil/gw-test/status", online.topic());
        assertNotNull(online.since());

        uplink.stop();
        Received.Status stopped = recorder.awaitStatus(s -> "offline".equals(s.state()), WAIT);
        assertEquals("stopped", stopped.reason());
        assertEquals(ComponentStatus.Status.OFFLINE, uplink.health().status().status());
        assertEquals("STOPPED", uplink.health().status().detail());

        try (PlatformRecorder late = new PlatformRecorder(broker.url(), "vigil")) {
            late.start(WAIT);
            assertEquals("stopped", late.awaitStatus(s -> true, WAIT).reason());
        }
        uplink = null;
    }

    @Test
    void stop_releases_its_thread_and_later_publishes_fail_at_once() throws Exception {
        broker.start(0);
        uplink = uplink("url", broker.url());
        uplink.start();
        awaitConnected();
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("MQTT Rec: vigil-gw-test")),
                "Paho's receiver runs while connected");

        uplink.stop();
        uplink.stop(); // idempotent

        assertFalse(uplink.isConnected());
        assertTrue(uplink.publish(alarm(1, ALARM_JSON)).toCompletableFuture().isCompletedExceptionally());
        // our scheduler, and Paho's "MQTT Call/Rec/Snd/Ping: <clientId>" threads
        Await.until(() -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .noneMatch(n -> n.equals("vigil-mqtt-main") || n.endsWith("vigil-gw-test")),
                WAIT, () -> "threads of the uplink ended, left: " + Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName).filter(n -> n.contains("vigil")).toList());
        uplink = null;
    }

    @Test
    void health_documents_go_to_the_health_topic() throws Exception {
        broker.start(0);
        startRecorder();
        uplink = uplink("url", broker.url());
        uplink.publishHealth("{\"gateway\":\"gw-test\"}".getBytes(StandardCharsets.UTF_8)); // not started: dropped quietly
        uplink.start();
        awaitConnected();

        uplink.publishHealth("{\"gateway\":\"gw-test\",\"uptimeSeconds\":12}".getBytes(StandardCharsets.UTF_8));

        Received.Health h = recorder.await(Received.Health.class, x -> true, 1, WAIT).get(0);
        assertEquals("vigil/gw-test/health", h.topic());
        assertEquals(12, h.document().path("uptimeSeconds").asInt());
    }

    @Test
    void a_server_that_never_answers_the_connect_is_reported_as_timeout() throws Exception {
        // the kernel completes the TCP handshake from the backlog, but nothing ever sends a CONNACK
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            uplink = uplink("url", "tcp://127.0.0.1:" + silent.getLocalPort(), "connectTimeout", "1s");
            uplink.start();

            Await.until(() -> "TIMEOUT".equals(uplink.health().status().detail()), WAIT,
                    () -> "TIMEOUT, was " + uplink.health());
            assertFalse(uplink.isConnected());
        }
    }
}
