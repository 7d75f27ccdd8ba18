package dev.vigil.sim.gpio;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the simulated pins to other processes (the gateway's Pi4J plugin) over a unix-domain
 * socket, one ASCII line per message:
 *
 * <pre>
 * client -> simulator                 simulator -> client
 * HELLO 1                             HELLO 1 vigil-sim-gpio
 * WATCH &lt;pin&gt;                         STATE &lt;pin&gt; &lt;0|1&gt;   now and after every change
 * GET &lt;pin&gt;                           STATE &lt;pin&gt; &lt;0|1&gt;
 * SET &lt;pin&gt; &lt;0|1&gt;                     STATE &lt;pin&gt; &lt;0|1&gt;   (outputs only)
 * anything wrong                      ERR &lt;what is wrong&gt;
 * </pre>
 * Levels are electrical (1 = high). Every line ends with LF.
 */
public final class GpioServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GpioServer.class);

    private final GpioBank bank;
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    public GpioServer(GpioBank bank, Path socketPath) throws IOException {
        this.bank = bank;
        this.socketPath = socketPath;
        Files.createDirectories(socketPath.toAbsolutePath().getParent());
        Files.deleteIfExists(socketPath);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        acceptor = new Thread(this::accept, "vigil-sim-gpio-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socketPath() {
        return socketPath;
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                clients.add(client);
                Thread t = new Thread(() -> serve(client), "vigil-sim-gpio-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("GPIO socket {}: accept failed, no new clients: {}", socketPath, e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        LineChannel out = new LineChannel(client);
        Set<Integer> watched = ConcurrentHashMap.newKeySet();
        GpioBank.Listener listener = (pin, level) -> {
            if (watched.contains(pin)) {
                send(out, "STATE " + pin + " " + (level ? 1 : 0));
            }
        };
        bank.addListener(listener);
        try {
            String line;
            while ((line = out.readLine()) != null) {
                String reply = handle(line.trim(), watched);
                if (reply != null) {
                    send(out, reply);
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            bank.removeListener(listener);
            clients.remove(client);
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private String handle(String line, Set<Integer> watched) {
        String[] p = line.split("\\s+");
        try {
            switch (p[0].toUpperCase(Locale.ROOT)) {
                case "HELLO":
                    return "HELLO 1 vigil-sim-gpio";
                case "WATCH": {
                    int pin = pinArg(p, 2);
                    watched.add(pin);
                    return state(pin);
                }
                case "GET":
                    return state(pinArg(p, 2));
                case "SET": {
                    int pin = pinArg(p, 3);
                    if (bank.pin(pin).direction() != GpioBank.Direction.OUTPUT) {
                        return "ERR GPIO " + pin + " (" + bank.pin(pin).id() + ") is an input; the gateway cannot drive it";
                    }
                    if (!p[2].equals("0") && !p[2].equals("1")) {
                        return "ERR level must be 0 or 1, got '" + p[2] + "'";
                    }
                    bank.set(pin, p[2].equals("1"), "gateway");
                    return state(pin);
                }
                default:
                    return "ERR unknown command '" + p[0] + "'; expected HELLO, WATCH, GET or SET";
            }
        } catch (IllegalArgumentException e) {
            return "ERR " + e.getMessage();
        }
    }

    private String state(int pin) {
        return "STATE " + pin + " " + (bank.level(pin) ? 1 : 0);
    }

    private static int pinArg(String[] p, int expectedWords) {
        if (p.length != expectedWords) {
            throw new IllegalArgumentException("'" + String.join(" ", p) + "' needs " + (expectedWords - 1) + " argument(s)");
        }
        try {
            return Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pin '" + p[1] + "' is not a number");
        }
    }

    private static void send(LineChannel out, String line) {
        try {
            out.writeLine(line);
        } catch (IOException ignored) {
            // the reader loop notices the closed client
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (SocketChannel c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException ignored) {
            // a stale socket file is replaced on the next start
        }
    }
}
