package dev.vigil.driver.nbiot;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.driver.nbiot.api.DatagramListener;
import dev.vigil.driver.nbiot.api.DatagramTooLargeException;
import dev.vigil.driver.nbiot.api.ModemException;
import dev.vigil.driver.nbiot.api.ModemUdpSocket;
import dev.vigil.driver.nbiot.api.NbIotModem;
import dev.vigil.driver.nbiot.api.PowerCycleHook;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BC28/BC95-class modem on one serial port. All modem work (bring-up, polls, recovery, socket
 * commands) runs on one modem thread, in order; the AT engine's reader thread only parses lines and
 * hands URCs over. The modem thread is the driver's own rather than the engine's shared scheduler
 * because AT commands block for up to their timeout, and a stuck modem must not hold up polling of
 * the other buses.
 *
 * <p>Recovery, without restarting the driver: a periodic check (every {@code signalPollInterval},
 * every second while not registered) reads AT+CSQ, AT+CEREG? and AT+CGATT?; when registration is
 * lost it marks the sockets lost and asks for re-attach (AT+CGATT=1) until the network takes the
 * modem back, then reopens the sockets; after {@code attachTimeout} without registration it calls
 * the {@link PowerCycleHook} and runs the bring-up again. Garbage and timeouts are resynchronised
 * by the {@link AtEngine}; a lost +NSONMI is covered by reading every socket each {@code drainInterval}.
 */
final class NbIotDriver implements Driver, NbIotModem {

    private static final Logger LOG = LoggerFactory.getLogger(NbIotDriver.class);
    private static final Duration RECOVERY_POLL = Duration.ofSeconds(1);
    /** CSQ 5 = -103 dBm: below it NB-IoT needs coverage-enhancement repetitions (slow, lossy). */
    static final int POOR_CSQ = 5;

    private final String busId;
    private final NbIotOptions options;
    private final SerialLineOpener opener;
    private final PowerCycleHook powerCycle;
    private final Consumer<NbIotDriver> onStart;
    private final Consumer<NbIotDriver> onStop;
    private final ModemState state = new ModemState();
    private final UdpSockets sockets;

    private volatile Clock clock = Clock.systemUTC();
    private volatile ScheduledExecutorService modemThread;
    private volatile AtEngine at;
    private volatile boolean online;
    private volatile boolean stopped;
    private boolean configured;
    private Instant notRegisteredSince;
    private boolean everAttached;

    NbIotDriver(String busId, NbIotOptions options, SerialLineOpener opener, PowerCycleHook powerCycle,
            Consumer<NbIotDriver> onStart, Consumer<NbIotDriver> onStop) {
        this.busId = busId;
        this.options = options;
        this.opener = opener;
        this.powerCycle = powerCycle;
        this.onStart = onStart;
        this.onStop = onStop;
        this.sockets = new UdpSockets(state, options.commandTimeout(), options.baud());
    }

    @Override
    public void start(DriverContext context) {
        clock = context.clock();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vigil-nbiot-" + busId);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        modemThread = executor;
        onStart.accept(this);
        executor.execute(this::tick);
        long drainMs = options.drainInterval().toMillis();
        executor.scheduleWithFixedDelay(guarded(this::drain), drainMs, drainMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        onStop.accept(this);
        ScheduledExecutorService executor = modemThread;
        if (executor != null) {
            closeSocketsOnModem(executor);
            executor.shutdownNow();
            try {
                executor.awaitTermination(options.commandTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AtEngine engine = at;
        if (engine != null) {
            engine.close();
        }
        online = false;
        state.status = ComponentStatus.offline("STOPPED", "modem on " + options.port() + " stopped");
    }

    /** Frees the modem's socket slots (BC95: 7) so a restarted driver finds them free; bounded wait. */
    private void closeSocketsOnModem(ScheduledExecutorService executor) {
        try {
            executor.submit(() -> sockets.all().forEach(s -> sockets.close(at, s)))
                    .get(options.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("modem on {}: closing sockets at stop did not finish: {}", options.port(), e.toString());
        }
    }

    @Override
    public DriverHealth health() {
        AtEngine engine = at;
        return state.health(busId, engine == null ? new AtCounters() : engine.counters());
    }

    @Override
    public String busId() {
        return busId;
    }

    @Override
    public boolean isOnline() {
        return online;
    }

    String port() {
        return options.port();
    }

    @Override
    public CompletionStage<ModemUdpSocket> openUdpSocket(int localPort, DatagramListener listener) {
        CompletableFuture<ModemUdpSocket> done = new CompletableFuture<>();
        if (localPort < 0 || localPort > 65535) {
            done.completeExceptionally(new ModemException("local port " + localPort + " outside 0..65535"));
            return done;
        }
        ModemSocket socket = new ModemSocket(this, localPort, listener);
        onModemThread(done, () -> {
            if (online) {
                sockets.open(at, socket); // a refusal (e.g. port in use) fails the stage and keeps nothing
            }
            sockets.add(socket);
            done.complete(socket);
        });
        return done;
    }

    CompletionStage<Void> send(ModemSocket socket, InetSocketAddress target, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (payload.length > MAX_DATAGRAM_BYTES) {
            state.sendFailures.incrementAndGet();
            done.completeExceptionally(new DatagramTooLargeException(options.port(), payload.length));
            return done;
        }
        onModemThread(done, () -> {
            try {
                if (!online || at == null) {
                    throw new ModemException("modem on " + options.port() + " is not online ("
                            + ModemState.describeRegistration(state.registration) + "); datagram to " + target
                            + " not sent");
                }
                sockets.send(at, socket, target, payload);
                done.complete(null);
            } catch (AtException | ModemException e) {
                state.sendFailures.incrementAndGet();
                throw e;
            }
        });
        done.whenComplete((ok, failure) -> {
            if (failure != null && !(failure instanceof DatagramTooLargeException) && online) {
                execute(this::check); // was it the network? find out now, not at the next poll
            }
        });
        return done;
    }

    void close(ModemSocket socket) {
        execute(() -> sockets.close(at, socket));
    }

    /** The work a caller waits for, failing its stage (never leaving it pending) if it throws or cannot run. */
    private interface ModemWork {
        void run() throws Exception;
    }

    private void onModemThread(CompletableFuture<?> done, ModemWork work) {
        Runnable task = () -> {
            try {
                work.run();
            } catch (ModemException e) {
                done.completeExceptionally(e);
            } catch (Exception e) {
                done.completeExceptionally(new ModemException(e.getMessage(), e));
            }
        };
        ScheduledExecutorService executor = modemThread;
        if (executor == null || stopped) {
            done.completeExceptionally(new ModemException("modem driver of bus '" + busId + "' is not running"));
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new ModemException("modem driver of bus '" + busId + "' is stopping"));
        }
    }

    /** A periodic task that threw would silently never run again; a one-shot one would vanish unlogged. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("modem on {}: unexpected failure in the modem thread (a bug); continuing", options.port(), e);
            }
        };
    }

    private void execute(Runnable task) {
        ScheduledExecutorService executor = modemThread;
        if (executor != null && !stopped) {
            try {
                executor.execute(guarded(task));
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /** Runs on the reader thread: hand over, return at once. */
    private void onUrc(Urc urc) {
        if (urc instanceof Urc.DatagramArrived d) {
            execute(() -> readSocket(d.socket()));
        } else if (urc instanceof Urc.SocketClosed c) {
            execute(() -> sockets.markLost(c.socket()));
        } else if (urc instanceof Urc.Registration r) {
            execute(this::check);
        }
    }

    private void readSocket(int n) {
        try {
            sockets.readAll(at, n, false);
        } catch (AtException e) {
            LOG.debug("modem on {}: reading socket {} failed, the drain retries: {}", options.port(), n, e.getMessage());
        }
    }

    private void drain() {
        if (!online) {
            return;
        }
        try {
            sockets.drain(at);
        } catch (AtException e) {
            LOG.debug("modem on {}: drain failed, retried in {}: {}", options.port(), options.drainInterval(),
                    e.getMessage());
        }
    }

    /** The periodic check; reschedules itself, faster while the modem is not online. */
    private void tick() {
        guarded(this::check).run();
        ScheduledExecutorService executor = modemThread;
        if (!stopped && executor != null) {
            Duration next = online ? options.signalPollInterval() : min(options.signalPollInterval(), RECOVERY_POLL);
            try {
                executor.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /** Reads signal, registration and attach state and acts on them. Runs on the modem thread only. */
    private void check() {
        if (stopped || !portOpen()) {
            return;
        }
        try {
            if (!configured) {
                BringUp.configure(at, options, state);
                sockets.forgetAll(at);
                configured = true;
                notRegisteredSince = clock.instant();
            }
            Duration t = options.commandTimeout();
            state.csq = AtReplies.csq(at.execute("AT+CSQ", t).line());
            int stat = AtReplies.ceregStat(at.execute("AT+CEREG?", t).line());
            state.registration = stat;
            boolean registered = stat == 1 || stat == 5;
            boolean attached = registered && AtReplies.cgatt(at.execute("AT+CGATT?", t).line());
            if (registered && !attached) {
                attached = reattach();
            }
            state.attached = attached;
            if (registered && attached) {
                if (!online) {
                    becomeOnline();
                } else {
                    sockets.reopenLost(at); // one the modem refused a datagram on (e.g. it rebooted by itself)
                }
                state.status = onlineStatus();
            } else {
                notRegistered();
            }
        } catch (AtException.Timeout | AtException.Error | AtParseException e) {
            // one lost or mangled answer: the engine resynchronises before the next command, the next check retries
            at.requestResync();
            LOG.debug("modem on {}: check failed, retried at the next one: {}", options.port(), e.getMessage());
        } catch (AtException e) {
            modemNotAnswering(e); // the resync itself failed, or the port did
        }
    }

    private boolean portOpen() {
        AtEngine engine = at;
        if (engine != null && engine.broken() == null) {
            return true;
        }
        if (engine != null) {
            engine.close();
            at = null;
            configured = false;
            goOffline("PORT_FAILED", "serial port " + options.port() + " failed: " + engine.broken().getMessage()
                    + "; reopening");
        }
        try {
            at = new AtEngine(opener.open(options.port(), options.baud()), this::onUrc, min(options.commandTimeout(),
                    Duration.ofSeconds(1)));
            return true;
        } catch (IOException e) {
            goOffline("PORT_UNAVAILABLE", e.getMessage() + "; retrying every " + RECOVERY_POLL.toSeconds() + " s");
            return false;
        }
    }

    private boolean reattach() throws AtException, AtParseException {
        try {
            at.execute(AtCommand.of("AT+CGATT=1", options.commandTimeout()));
        } catch (AtException.Error e) {
            return false; // not registered (again): the next check retries
        }
        return AtReplies.cgatt(at.execute("AT+CGATT?", options.commandTimeout()).line());
    }

    private void becomeOnline() throws AtException, AtParseException {
        state.ipAddress = AtReplies.cgpaddr(at.execute("AT+CGPADDR", options.commandTimeout()).line()).orElse(null);
        sockets.reopenLost(at);
        Instant now = clock.instant();
        if (notRegisteredSince != null) { // an attach, not just the modem answering again
            state.lastAttach = now;
            state.attaches.incrementAndGet();
            if (everAttached) {
                state.reattaches.incrementAndGet();
                LOG.info("modem on {} re-attached after {} s: {}, {}, IP {}", options.port(),
                        Duration.between(notRegisteredSince, now).toSeconds(),
                        ModemState.describeRegistration(state.registration), state.describeSignal(), state.ipAddress);
            } else {
                LOG.info("modem on {} attached: IMEI {}, {}, {}, IP {}", options.port(), state.imei,
                        ModemState.describeRegistration(state.registration), state.describeSignal(), state.ipAddress);
            }
        }
        everAttached = true;
        online = true;
        notRegisteredSince = null;
    }

    /** ONLINE, or DEGRADED while the signal is so weak that datagrams are likely to be lost or late. */
    private ComponentStatus onlineStatus() {
        String what = "modem on " + options.port() + " " + ModemState.describeRegistration(state.registration) + ", "
                + state.describeSignal();
        AtReplies.Csq csq = state.csq;
        if (csq != null && csq.known() && csq.rssi() <= POOR_CSQ) {
            return ComponentStatus.degraded("POOR_SIGNAL", what + " (at most " + POOR_CSQ + ": expect retries and delay)");
        }
        return ComponentStatus.online(what);
    }

    private void notRegistered() {
        Instant now = clock.instant();
        if (online) {
            online = false;
            notRegisteredSince = now;
            state.registrationLosses.incrementAndGet();
            sockets.markAllLost();
            LOG.warn("modem on {} lost registration ({}); its sockets are gone, datagrams fail until it re-attaches; "
                    + "re-attaching, power cycle after {} s", options.port(),
                    ModemState.describeRegistration(state.registration), options.attachTimeout().toSeconds());
        } else if (notRegisteredSince == null) {
            notRegisteredSince = now;
        }
        goOffline("NOT_REGISTERED", "modem on " + options.port() + " " + ModemState.describeRegistration(state.registration)
                + " since " + notRegisteredSince + ", " + state.describeSignal() + "; re-attaching");
        if (Duration.between(notRegisteredSince, now).compareTo(options.attachTimeout()) >= 0) {
            notRegisteredSince = now;
            if (powerCycle.powerCycle(options.port())) {
                state.powerCycles.incrementAndGet();
                configured = false; // a rebooted modem needs the whole bring-up again
                LOG.warn("modem on {} was power-cycled after {} s without registration; bringing it up again",
                        options.port(), options.attachTimeout().toSeconds());
            }
        }
    }

    private void modemNotAnswering(Exception e) {
        configured = false; // it may have rebooted: echo, URC mode and sockets are to be set up again
        goOffline("MODEM_NOT_ANSWERING", e.getMessage() + "; resynchronising and retrying every "
                + RECOVERY_POLL.toSeconds() + " s");
    }

    private void goOffline(String detail, String message) {
        if (!detail.equals(state.status.detail()) && !detail.equals("NOT_REGISTERED")) {
            LOG.warn("modem on {} is offline ({}): {}", options.port(), detail, message);
        }
        online = false;
        state.status = ComponentStatus.offline(detail, message);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
