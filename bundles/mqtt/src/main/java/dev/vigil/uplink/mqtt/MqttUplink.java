package dev.vigil.uplink.mqtt;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.wire.StatusCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 3.1.1 uplink on Eclipse Paho's {@link MqttAsyncClient}.
 *
 * <p>Paho is kept on a short leash (DESIGN.md: no release since 2020, known hangs): Vigil never
 * waits on a Paho token without a timeout, does its own reconnecting with exponential backoff and
 * jitter instead of Paho's automatic reconnect, and bounds every connect and publish with its own
 * timer. Messages are kept only in memory here ({@link MemoryPersistence}); the outbox is the
 * durable store and sends again whatever was not acknowledged.
 *
 * <p>All state changes and every completion of a {@link #publish} stage run on one scheduler
 * thread, never on Paho's threads; dependent stages must not block.
 */
public final class MqttUplink implements Uplink {

    static final String TYPE = "mqtt";
    static final int QOS_AT_LEAST_ONCE = 1;
    /** Paho's default of 10 would throttle an outbox draining after an outage. */
    static final int MAX_INFLIGHT = 100;
    /** How long {@link #stop()} waits for the offline status and the DISCONNECT. */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);
    /**
     * A connection must last this long before the backoff starts again from its minimum, so a
     * broker that accepts and then drops the client (e.g. over a message it refuses) is not hammered.
     */
    static final Duration STABLE_CONNECTION = Duration.ofSeconds(30);
    /** At most one WARN per this period about lost connections; the rest go to DEBUG. */
    static final Duration LOSS_WARN_PERIOD = Duration.ofMinutes(1);
    /** Grace on top of connectTimeout before an attempt Paho never answered is abandoned. */
    static final Duration CONNECT_GRACE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);

    private final String id;
    private final MqttUplinkOptions options;
    private final String gatewayId;
    private final Topics topics;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Backoff backoff;
    private final String server;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Set<PendingPublish> inflight = ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastAck;
    private volatile ComponentStatus status = ComponentStatus.UNKNOWN;
    private volatile MqttAsyncClient client;
    private volatile boolean connected;

    // touched only on the scheduler thread
    private long attempt;
    private int failedAttempts;
    private ScheduledFuture<?> reconnect;
    private ScheduledFuture<?> connectWatchdog;
    private boolean warnedSinceOnline;
    private long connectedNanos;
    private long lastLossWarnNanos;
    private int lossesSinceWarn;

    /** An uplink with its own scheduler thread and the standard 1 s .. 60 s backoff. */
    public MqttUplink(String id, MqttUplinkOptions options, String gatewayId, Clock clock) {
        this(id, options, gatewayId, clock, null, Backoff.standard());
    }

    /**
     * @param scheduler where to run reconnects, timers and completions; null to own a single
     *                  daemon thread (shut down by {@link #stop()}); an injected one is left running
     */
    MqttUplink(String id, MqttUplinkOptions options, String gatewayId, Clock clock, ScheduledExecutorService scheduler,
            Backoff backoff) {
        this.id = id;
        this.options = options;
        this.gatewayId = gatewayId;
        this.topics = Topics.of(options.topicPrefix(), gatewayId);
        this.clock = clock;
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-mqtt-" + id);
            t.setDaemon(true);
            return t;
        });
        this.backoff = backoff;
        this.server = options.serverUri();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("mqtt uplink " + id + " was already started");
        }
        if (options.plaintextToRemoteHost()) {
            LOG.warn("mqtt uplink {}: {} is plain TCP to another host (insecure: true); alarms and the password travel"
                    + " unencrypted; use ssl:// in production", id, server);
        }
        warnIfPasswordFileIsShared();
        status = new ComponentStatus(ComponentStatus.Status.UNKNOWN, "CONNECTING", "connecting to " + server);
        onScheduler(this::connect);
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return connected && c != null && c.isConnected();
    }

    @Override
    public CompletionStage<Void> publish(OutboxEntry entry) {
        String topic = topics.of(entry.lane());
        MqttAsyncClient c = client;
        if (stopped.get() || !connected || c == null) {
            failures.incrementAndGet();
            return CompletableFuture.failedStage(new MqttUplinkException("not connected to " + server + "; " + topic
                    + " seq " + entry.sequence() + " stays in the outbox"));
        }
        PendingPublish p = new PendingPublish(topic, entry.sequence());
        inflight.add(p);
        try {
            p.timeout = scheduler.schedule(() -> p.fail(new MqttUplinkException("no PUBACK from " + server + " for "
                    + topic + " seq " + entry.sequence() + " within " + options.publishTimeout().toMillis()
                    + " ms; it stays in the outbox")),
                    options.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            c.publish(topic, entry.payload(), QOS_AT_LEAST_ONCE, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onScheduler(p::succeed);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    onScheduler(() -> p.fail(new MqttUplinkException("publish to " + server + " failed (" + e
                            + "); " + topic + " seq " + entry.sequence() + " stays in the outbox", e)));
                }
            });
        } catch (MqttException | RuntimeException e) {
            p.fail(new MqttUplinkException("Paho refused to publish to " + server + " (" + e + "); " + topic + " seq "
                    + entry.sequence() + " stays in the outbox", e));
        }
        return p.future.minimalCompletionStage();
    }

    @Override
    public void publishHealth(byte[] payload) {
        MqttAsyncClient c = client;
        if (!connected || c == null) {
            return;
        }
        try {
            c.publish(topics.health(), payload, 0, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("mqtt uplink {}: health document not published to {}", id, topics.health(), e);
        }
    }

    @Override
    public UplinkHealth health() {
        return new UplinkHealth(id, TYPE, status, lastAck, published.get(), failures.get());
    }

    /** Publishes the retained "stopped" status, disconnects cleanly (so the broker drops the last will) and releases threads. */
    @Override
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        onSchedulerAndWait(() -> {
            cancel(reconnect);
            cancel(connectWatchdog);
            attempt++; // late callbacks of any pending attempt are ignored
        });
        MqttAsyncClient c = client;
        if (c != null && connected) {
            try {
                c.publish(topics.status(), StatusCodec.offline(gatewayId, clock.instant(), StatusCodec.REASON_STOPPED), QOS_AT_LEAST_ONCE, true)
                        .waitForCompletion(STOP_WAIT.toMillis());
            } catch (MqttException | RuntimeException e) {
                LOG.warn("mqtt uplink {}: could not publish the offline status to {} before stopping ({}); the platform"
                        + " keeps seeing the last retained status", id, server, e.toString());
            }
            try {
                c.disconnect(STOP_WAIT.toMillis() / 2).waitForCompletion(STOP_WAIT.toMillis());
            } catch (MqttException | RuntimeException e) {
                LOG.debug("mqtt uplink {}: clean disconnect from {} failed, closing forcibly", id, server, e);
            }
        }
        connected = false;
        discard(c);
        client = null;
        failInflight("mqtt uplink " + id + " stopped");
        status = ComponentStatus.offline("STOPPED", "stopped; was connected to " + server);
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    // ---- connecting (scheduler thread only) ----

    private void connect() {
        if (stopped.get()) {
            return;
        }
        long myAttempt = ++attempt;
        Instant since = clock.instant();
        MqttConnectOptions connectOptions;
        try {
            connectOptions = connectOptions(since);
        } catch (UnreadableSecret e) {
            failed(myAttempt, new ConnectFailure("CREDENTIALS_UNREADABLE", e.getMessage()), e);
            return;
        } catch (IOException e) {
            failed(myAttempt, new ConnectFailure("TLS_ERROR", e.getMessage()), e);
            return;
        }
        try {
            MqttAsyncClient c = client;
            if (c == null) {
                c = new MqttAsyncClient(server, options.clientId(), new MemoryPersistence());
                c.setCallback(new ConnectionCallback(c));
                client = c;
            }
            connectWatchdog = scheduler.schedule(() -> abandon(myAttempt),
                    options.connectTimeout().plus(CONNECT_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            c.connect(connectOptions, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onScheduler(() -> connected(myAttempt, since));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    onScheduler(() -> failed(myAttempt, ConnectFailure.of(e), e));
                }
            });
        } catch (MqttException | RuntimeException e) {
            // e.g. "connect already in progress" from a client in a bad state: start over with a fresh one
            discard(client);
            client = null;
            failed(myAttempt, ConnectFailure.of(e), e);
        }
    }

    private MqttConnectOptions connectOptions(Instant since) throws IOException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true); // nothing to resume: the outbox re-sends what was not acknowledged
        o.setAutomaticReconnect(false);
        o.setMaxInflight(MAX_INFLIGHT);
        o.setKeepAliveInterval((int) Math.max(1, options.keepAlive().toSeconds()));
        o.setConnectionTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
        o.setWill(topics.status(), StatusCodec.offline(gatewayId, since, StatusCodec.REASON_CONNECTION_LOST), QOS_AT_LEAST_ONCE, true);
        if (options.username() != null) {
            o.setUserName(options.username());
        }
        if (options.passwordFile() != null) {
            o.setPassword(readPassword());
        }
        if ("ssl".equals(options.url().getScheme())) {
            o.setHttpsHostnameVerificationEnabled(true);
            if (options.caFile() != null) {
                o.setSocketFactory(TrustedCa.socketFactory(options.caFile()));
            }
        }
        return o;
    }

    /** Read at every connect so a rotated password is picked up; never logged. */
    private char[] readPassword() throws UnreadableSecret {
        String text;
        try {
            text = Files.readString(options.passwordFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableSecret("cannot read passwordFile " + options.passwordFile() + ": " + e.getMessage());
        }
        String password = text.strip();
        if (password.isEmpty()) {
            throw new UnreadableSecret("passwordFile " + options.passwordFile() + " is empty");
        }
        return password.toCharArray();
    }

    /** The password file could not be used; the message names the file, never its content. */
    private static final class UnreadableSecret extends IOException {
        UnreadableSecret(String message) {
            super(message);
        }
    }

    private void connected(long myAttempt, Instant since) {
        if (myAttempt != attempt || stopped.get()) {
            return;
        }
        cancel(connectWatchdog);
        connected = true;
        connectedNanos = System.nanoTime();
        warnedSinceOnline = false;
        status = ComponentStatus.online("connected to " + server + " as " + options.clientId());
        LOG.info("mqtt uplink {} connected to {} as {}", id, server, options.clientId());
        try {
            client.publish(topics.status(), StatusCodec.online(gatewayId, since), QOS_AT_LEAST_ONCE, true);
        } catch (MqttException | RuntimeException e) {
            LOG.warn("mqtt uplink {}: could not publish the online status to {} ({}); alarms are not affected",
                    id, topics.status(), e.toString());
        }
    }

    private void failed(long myAttempt, ConnectFailure why, Throwable cause) {
        if (myAttempt != attempt || stopped.get()) {
            return;
        }
        cancel(connectWatchdog);
        connected = false;
        Duration delay = backoff.delay(failedAttempts++);
        status = ComponentStatus.offline(why.detail(), "cannot connect to " + server + ": " + why.reason()
                + "; retrying in " + seconds(delay));
        if (!warnedSinceOnline) {
            warnedSinceOnline = true;
            LOG.warn("mqtt uplink {}: cannot connect to {} ({}); alarms stay in the outbox, retrying with backoff up to {}",
                    id, server, why.reason(), seconds(Backoff.DEFAULT_MAX));
        } else {
            LOG.debug("mqtt uplink {}: connect attempt to {} failed again: {}", id, server, why.reason(), cause);
        }
        reconnect = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Paho never answered the connect: drop that client and start over. */
    private void abandon(long myAttempt) {
        if (myAttempt != attempt || connected || stopped.get()) {
            return;
        }
        MqttAsyncClient stuck = client;
        client = null;
        discard(stuck);
        failed(myAttempt, new ConnectFailure("TIMEOUT", "no answer within "
                + seconds(options.connectTimeout().plus(CONNECT_GRACE))), null);
    }

    private void lost(MqttAsyncClient which, Throwable cause) {
        if (which != client || stopped.get()) {
            return;
        }
        connected = false;
        attempt++; // nothing of the old connection counts any more
        failInflight("connection to " + server + " lost: " + cause);
        long now = System.nanoTime();
        if (now - connectedNanos >= STABLE_CONNECTION.toNanos()) {
            failedAttempts = 0;
        }
        Duration delay = backoff.delay(failedAttempts++);
        ConnectFailure why = ConnectFailure.of(cause);
        status = ComponentStatus.offline("CONNECTION_LOST", "lost connection to " + server + " (" + why.reason()
                + "); reconnecting in " + seconds(delay));
        warnedSinceOnline = true;
        lossesSinceWarn++;
        if (lastLossWarnNanos == 0 || now - lastLossWarnNanos >= LOSS_WARN_PERIOD.toNanos()) {
            LOG.warn("mqtt uplink {}: lost connection to {} ({}{}); unacknowledged alarms stay in the outbox, reconnecting in {}",
                    id, server, why.reason(), lossesSinceWarn > 1 ? ", " + lossesSinceWarn + " losses since the last warning" : "",
                    seconds(delay));
            lastLossWarnNanos = now;
            lossesSinceWarn = 0;
        } else {
            LOG.debug("mqtt uplink {}: lost connection to {} again ({})", id, server, why.reason(), cause);
        }
        reconnect = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- helpers ----

    private void failInflight(String why) {
        for (PendingPublish p : inflight) {
            p.fail(new MqttUplinkException(why + "; " + p.topic + " seq " + p.sequence + " stays in the outbox"));
        }
    }

    private void discard(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 1, false);
        } catch (MqttException | RuntimeException e) {
            LOG.trace("forced disconnect of a discarded client failed", e);
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.trace("closing a discarded client failed", e);
        }
    }

    private void onScheduler(Runnable action) {
        try {
            scheduler.execute(action);
        } catch (RejectedExecutionException e) {
            action.run(); // stopping: the scheduler is gone, finish here
        }
    }

    private void onSchedulerAndWait(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onScheduler(() -> {
            try {
                action.run();
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("mqtt uplink {}: scheduler did not answer within {}", id, STOP_WAIT, e);
        }
    }

    private void warnIfPasswordFileIsShared() {
        if (options.passwordFile() == null) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(options.passwordFile());
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                LOG.warn("mqtt uplink {}: passwordFile {} is readable by group or others; restrict it with chmod 600",
                        id, options.passwordFile());
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot check the permissions of {}", options.passwordFile(), e);
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format("%.1f s", d.toMillis() / 1000.0) : d.toSeconds() + " s";
    }

    /** One QoS 1 publish waiting for its PUBACK; completes exactly once. */
    private final class PendingPublish {
        final String topic;
        final long sequence;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile ScheduledFuture<?> timeout;

        PendingPublish(String topic, long sequence) {
            this.topic = topic;
            this.sequence = sequence;
        }

        void succeed() {
            if (finish()) {
                published.incrementAndGet();
                lastAck = clock.instant();
                future.complete(null);
            }
        }

        void fail(Throwable why) {
            if (finish()) {
                failures.incrementAndGet();
                future.completeExceptionally(why);
            }
        }

        /** True for the first outcome only; counters are updated before the stage completes. */
        private boolean finish() {
            inflight.remove(this);
            cancel(timeout);
            return finished.compareAndSet(false, true);
        }
    }

    /** Paho's callbacks for one client; events of a discarded client are ignored. */
    private final class ConnectionCallback implements MqttCallback {
        private final MqttAsyncClient owner;

        ConnectionCallback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            onScheduler(() -> lost(owner, cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // nothing is subscribed yet; downlink commands come in a later issue
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // completion is handled per publish by its listener
        }
    }
}
