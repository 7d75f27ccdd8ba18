package dev.vigil.sim.demo;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A minimal MQTT uplink for {@link DemoScenarioTest}: publishes alarm and telemetry entries to the
 * agreed topics with QoS 1 and an "online" status on start. The real uplink (bundles/mqtt) depends
 * on this module for its own tests, so it cannot be a dependency here.
 */
final class PahoTestUplink implements Uplink {

    static UplinkFactory factory() {
        return new UplinkFactory() {
            @Override
            public String type() {
                return "mqtt";
            }

            @Override
            public List<ConfigProblem> validate(UplinkConfig config) {
                return List.of();
            }

            @Override
            public Uplink create(UplinkConfig config, String gatewayId) {
                return new PahoTestUplink(config.id(), config.options().string("url", null), gatewayId);
            }
        };
    }

    private final String id;
    private final String url;
    private final String gatewayId;
    private MqttClient client;

    private PahoTestUplink(String id, String url, String gatewayId) {
        this.id = id;
        this.url = url;
        this.gatewayId = gatewayId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        try {
            client = new MqttClient(url, "demo-test-" + gatewayId, new MemoryPersistence());
            client.connect();
            String status = "{\"gateway\":\"" + gatewayId + "\",\"state\":\"online\",\"since\":\"" + Instant.now() + "\"}";
            client.publish(DemoMain.TOPIC_PREFIX + "/" + gatewayId + "/status", status.getBytes(StandardCharsets.UTF_8), 1, true);
        } catch (MqttException e) {
            throw new IllegalStateException("test uplink cannot connect to " + url, e);
        }
    }

    @Override
    public void stop() {
        try {
            if (client != null && client.isConnected()) {
                client.disconnect();
            }
            if (client != null) {
                client.close();
            }
        } catch (MqttException e) {
            // test teardown: nothing to do about it
        }
    }

    @Override
    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    @Override
    public CompletionStage<Void> publish(OutboxEntry entry) {
        String topic = DemoMain.TOPIC_PREFIX + "/" + gatewayId + (entry.lane() == Lane.ALARM ? "/alarm" : "/telemetry");
        try {
            client.publish(topic, entry.payload(), 1, false);
            return CompletableFuture.completedFuture(null);
        } catch (MqttException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void publishHealth(byte[] payload) {
        // not needed by the test
    }

    @Override
    public UplinkHealth health() {
        return new UplinkHealth(id, "mqtt", isConnected() ? ComponentStatus.online("connected") : ComponentStatus.offline("NONE", "not connected"),
                null, 0, 0);
    }
}
