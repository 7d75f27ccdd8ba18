package dev.vigil.sim.recorder;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform side for demos and tests: subscribes to {@code <prefix>/#}, decodes every alarm,
 * telemetry batch, status and health document, and keeps them all with their receive time.
 * Tests wait on it with deadlines ({@link #awaitAlarms}); the demo prints through a listener.
 */
public final class PlatformRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformRecorder.class);
    private static final int SUBSCRIBE_QOS = 1;

    private final String brokerUrl;
    private final String filter;
    private final Clock clock;
    private final MessageDecoder decoder = new MessageDecoder();
    private final List<Received> received = new ArrayList<>();
    private final List<Consumer<Received>> listeners = new CopyOnWriteArrayList<>();
    /** Resubscribes after Paho reconnected, off Paho's callback thread (subscribing from it can hang Paho). */
    private final ExecutorService resubscriber = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-recorder-resubscribe");
        t.setDaemon(true);
        return t;
    });
    /** Guards start and close; the recorder's own monitor guards only {@link #received}, so Paho's thread never waits on a connect. */
    private final Object lifecycle = new Object();
    private volatile MqttAsyncClient client;

    public PlatformRecorder(String brokerUrl, String topicPrefix) {
        this(brokerUrl, topicPrefix, Clock.systemUTC());
    }

    public PlatformRecorder(String brokerUrl, String topicPrefix, Clock clock) {
        this.brokerUrl = brokerUrl;
        this.filter = topicPrefix + "/#";
        this.clock = clock;
    }

    /**
     * Connects and subscribes, waiting at most {@code timeout} for each. Afterwards it reconnects
     * and resubscribes by itself if the broker goes away and comes back.
     */
    public void start(Duration timeout) throws IOException {
        synchronized (lifecycle) {
            connect(timeout);
        }
    }

    private void connect(Duration timeout) throws IOException {
        if (client != null) {
            throw new IllegalStateException("recorder on " + brokerUrl + " already started");
        }
        try {
            client = new MqttAsyncClient(brokerUrl, "vigil-recorder-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            client.setCallback(new Callback());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(1000);
            options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            options.setMaxInflight(1000);
            client.connect(options).waitForCompletion(timeout.toMillis());
            client.subscribe(filter, SUBSCRIBE_QOS).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new IOException("recorder cannot subscribe to " + filter + " on " + brokerUrl + ": " + e, e);
        }
    }

    /** Called for every message received from now on, on Paho's thread: return quickly. */
    public void addListener(Consumer<Received> listener) {
        listeners.add(listener);
    }

    public synchronized List<Received> all() {
        return List.copyOf(received);
    }

    public List<Received.Alarm> alarms() {
        return only(Received.Alarm.class);
    }

    public List<Received.Telemetry> telemetry() {
        return only(Received.Telemetry.class);
    }

    public List<Received.Status> statuses() {
        return only(Received.Status.class);
    }

    public List<Received.Health> health() {
        return only(Received.Health.class);
    }

    /** Forgets everything received so far. */
    public synchronized void clear() {
        received.clear();
    }

    public List<Received.Alarm> awaitAlarms(int count, Duration timeout) {
        return await(Received.Alarm.class, a -> true, count, timeout);
    }

    public List<Received.Alarm> awaitAlarms(Predicate<? super Received.Alarm> matching, int count, Duration timeout) {
        return await(Received.Alarm.class, matching, count, timeout);
    }

    public List<Received.Telemetry> awaitTelemetry(Predicate<? super Received.Telemetry> matching, int count, Duration timeout) {
        return await(Received.Telemetry.class, matching, count, timeout);
    }

    /** The first status (retained ones included) that matches, received so far or within {@code timeout}. */
    public Received.Status awaitStatus(Predicate<? super Received.Status> matching, Duration timeout) {
        return await(Received.Status.class, matching, 1, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} received messages of {@code type} match, and returns all
     * that match, in the order received.
     *
     * @throws RecorderTimeoutException after {@code timeout}, listing what was received
     */
    public synchronized <T extends Received> List<T> await(Class<T> type, Predicate<? super T> matching, int count,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> found = received.stream().filter(type::isInstance).map(type::cast).filter(matching).toList();
            if (found.size() >= count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new RecorderTimeoutException("waited " + timeout.toMillis() + " ms for " + count + " "
                        + type.getSimpleName() + " message(s) on " + filter + " at " + brokerUrl + ", " + found.size()
                        + " matched; received " + received.size() + " message(s), the last ones: "
                        + received.subList(Math.max(0, received.size() - 20), received.size()));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecorderTimeoutException("interrupted while waiting for " + type.getSimpleName());
            }
        }
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** Disconnects (waiting at most 2 s) and releases Paho's threads. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            disconnect();
        }
    }

    private void disconnect() {
        resubscriber.shutdownNow();
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("recorder disconnect from {} failed, closing forcibly", brokerUrl, e);
            try {
                client.disconnectForcibly(0, 0, false);
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("recorder close failed", e);
        }
        client = null;
    }

    private synchronized <T extends Received> List<T> only(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void record(Received message) {
        synchronized (this) {
            received.add(message);
            notifyAll();
        }
        for (Consumer<Received> l : listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("recorder listener failed on {}; the message is recorded anyway", message.topic(), e);
            }
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                resubscriber.execute(() -> {
                    try {
                        MqttAsyncClient c = client;
                        if (c != null) {
                            c.subscribe(filter, SUBSCRIBE_QOS);
                        }
                    } catch (MqttException e) {
                        LOG.warn("recorder could not resubscribe to {} on {}; it will miss messages until the next reconnect",
                                filter, serverUri, e);
                    }
                });
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.debug("recorder lost {}; Paho reconnects", brokerUrl, cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            record(decoder.decode(topic, message.getPayload(), message.isRetained(), clock.instant()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // the recorder publishes nothing
        }
    }
}
