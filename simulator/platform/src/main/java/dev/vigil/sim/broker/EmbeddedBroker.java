package dev.vigil.sim.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 broker (Moquette) in this process, for the demo and for tests.
 *
 * <p>It listens on 127.0.0.1 only, accepts anonymous clients and keeps nothing on disk. That is
 * acceptable because nothing outside this machine can reach it, it lives only as long as the demo
 * or test that started it, and it carries simulated data; a real deployment talks to the
 * platform's broker over {@code ssl://} with credentials (see docs/mqtt-uplink.md).
 */
public final class EmbeddedBroker implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    /** How many ports after the preferred one {@link #start} tries before giving up. */
    static final int PORTS_TO_TRY = 20;
    /** Largest MQTT message the broker accepts. */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private Server server;
    private int port;

    /**
     * Starts on {@code preferredPort}, or on the next free port after it; {@code 0} takes any free port.
     *
     * @return the port it listens on
     * @throws IOException if none of the ports tried could be bound
     */
    public synchronized int start(int preferredPort) throws IOException {
        if (server != null) {
            throw new IllegalStateException("embedded broker already runs on " + url());
        }
        int last = preferredPort == 0 ? 0 : Math.min(65535, preferredPort + PORTS_TO_TRY - 1);
        for (int candidate = preferredPort; candidate <= last; candidate++) {
            int free = freePort(candidate);
            if (free < 0) {
                LOG.debug("port {} on {} is taken, trying the next one", candidate, HOST);
                continue;
            }
            Server s = new Server();
            s.startServer(new MemoryConfig(properties(free)));
            if (accepts(free)) {
                server = s;
                port = free;
                LOG.info("embedded MQTT broker listening on {}", url());
                return port;
            }
            s.stopServer();
        }
        throw new IOException("no free port for the embedded MQTT broker on " + HOST + " from " + preferredPort
                + " to " + last + "; stop what uses them or pass another port");
    }

    /** Stops the broker; clients are disconnected. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
            LOG.info("embedded MQTT broker on {}:{} stopped", HOST, port);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port of the last start. */
    public synchronized int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>} */
    public synchronized String url() {
        return "tcp://" + HOST + ":" + port;
    }

    private static Properties properties(int port) {
        Properties p = new Properties();
        p.setProperty("host", HOST);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        // Moquette 0.17 reports usage to its authors by default; a test broker must not phone home.
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("netty.epoll", "false");
        p.setProperty("immediate_buffer_flush", "true");
        // Moquette's default of 8092 bytes drops the connection of any client that sends a larger
        // message, e.g. a telemetry batch of 50 readings; Mosquitto's limit is 256 MB.
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        return p;
    }

    /** {@code port} if it can be bound on {@link #HOST} now (any free port for 0), else -1. */
    private static int freePort(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return probe.getLocalPort();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Moquette logs a failed bind instead of throwing, so check the listener answers. */
    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** For tests that need a port nothing listens on. */
    public static int unusedPort() {
        int p = freePort(0);
        if (p < 0) {
            throw new UncheckedIOException(new IOException("no free port on " + HOST));
        }
        return p;
    }
}
