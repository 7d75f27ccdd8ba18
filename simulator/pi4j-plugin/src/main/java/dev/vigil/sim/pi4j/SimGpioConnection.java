package dev.vigil.sim.pi4j;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway-side end of the simulator's GPIO line protocol (docs/simulator.md): one unix-domain
 * socket shared by every simulated pin of a Pi4J context. Requests are answered by a STATE or ERR
 * line; watched inputs also get unsolicited STATE lines, which are handed to the pin's listener on
 * the connection's reader thread.
 */
final class SimGpioConnection implements AutoCloseable {

    /** System property, then environment variable, naming the simulator's socket. */
    static final String SOCKET_PROPERTY = "vigil.sim.gpio.socket";
    static final String SOCKET_ENV = "VIGIL_SIM_GPIO_SOCKET";
    static final Path DEFAULT_SOCKET = Path.of("/tmp/vigil-sim/gpio.sock");
    private static final long REPLY_TIMEOUT_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(SimGpioConnection.class);

    private final Path socket;
    private final SocketChannel channel;
    private final Map<Integer, Consumer<Boolean>> listeners = new ConcurrentHashMap<>();
    private final Object requestLock = new Object();
    private volatile CompletableFuture<String> pending;
    private volatile int pendingPin = -1;
    private final Thread reader;
    private volatile boolean closed;

    private SimGpioConnection(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "vigil-sim-gpio-client");
        reader.setDaemon(true);
        reader.start();
    }

    static Path configuredSocket() {
        String p = System.getProperty(SOCKET_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(SOCKET_ENV);
        }
        return p == null || p.isBlank() ? DEFAULT_SOCKET : Path.of(p);
    }

    static SimGpioConnection open(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot reach the Vigil simulator's GPIO socket " + socket
                    + " (is 'vigil-sim run SCENARIO' running with gpio: pins? set -D" + SOCKET_PROPERTY + "=PATH otherwise): "
                    + e.getMessage(), e);
        }
        SimGpioConnection c = new SimGpioConnection(socket, ch);
        String hello = c.request("HELLO 1", -1);
        if (!hello.startsWith("HELLO 1")) {
            c.close();
            throw new IOException(socket + " is not a Vigil simulator GPIO socket: answered '" + hello + "'");
        }
        return c;
    }

    /** Watches an input: returns its level now and calls {@code listener} on every change. */
    boolean watch(int pin, Consumer<Boolean> listener) throws IOException {
        listeners.put(pin, listener);
        return level(request("WATCH " + pin, pin), pin);
    }

    void unwatch(int pin) {
        listeners.remove(pin);
    }

    boolean get(int pin) throws IOException {
        return level(request("GET " + pin, pin), pin);
    }

    void set(int pin, boolean high) throws IOException {
        level(request("SET " + pin + " " + (high ? 1 : 0), pin), pin);
    }

    private boolean level(String reply, int pin) throws IOException {
        String[] p = reply.split(" ");
        if (p.length != 3 || !p[0].equals("STATE") || Integer.parseInt(p[1]) != pin) {
            throw new IOException("simulator at " + socket + " answered '" + reply + "' for GPIO " + pin);
        }
        return p[2].equals("1");
    }

    private String request(String line, int pin) throws IOException {
        synchronized (requestLock) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            pendingPin = pin;
            pending = reply;
            ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            try {
                String r = reply.get(REPLY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                if (r.startsWith("ERR ")) {
                    throw new IOException("simulator refused '" + line + "': " + r.substring(4));
                }
                return r;
            } catch (TimeoutException e) {
                throw new IOException("no answer from the simulator at " + socket + " to '" + line + "' within "
                        + REPLY_TIMEOUT_MILLIS + " ms");
            } catch (ExecutionException e) {
                throw new IOException("connection to the simulator at " + socket + " lost during '" + line + "'", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for the simulator", e);
            } finally {
                pending = null;
            }
        }
    }

    private void readLoop() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        StringBuilder line = new StringBuilder();
        try {
            while (channel.read(in) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    char c = (char) (in.get() & 0xFF);
                    if (c == '\n') {
                        onLine(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
                in.clear();
            }
        } catch (IOException e) {
            // closed or simulator gone
        }
        CompletableFuture<String> p = pending;
        if (p != null) {
            p.completeExceptionally(new IOException("simulator closed the GPIO socket"));
        }
        if (!closed) {
            LOG.warn("simulated GPIO: the simulator at {} closed the connection; inputs keep their last level", socket);
        }
    }

    private void onLine(String line) {
        String[] p = line.split(" ");
        CompletableFuture<String> waiting = pending;
        if (p[0].equals("STATE") && p.length == 3) {
            int pin = Integer.parseInt(p[1]);
            if (waiting != null && pendingPin == pin) {
                waiting.complete(line);
                return;
            }
            Consumer<Boolean> l = listeners.get(pin);
            if (l != null) {
                l.accept(p[2].equals("1"));
            }
        } else if (waiting != null) {
            waiting.complete(line);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
