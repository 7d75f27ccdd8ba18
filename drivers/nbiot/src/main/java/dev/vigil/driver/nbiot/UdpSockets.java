package dev.vigil.driver.nbiot;

import dev.vigil.driver.nbiot.api.Datagram;
import dev.vigil.driver.nbiot.api.ModemException;
import dev.vigil.driver.nbiot.api.NbIotModem;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modem's UDP sockets over AT+NSOCR / NSOST / NSORF / NSOCL. Every method runs on the modem
 * thread, so socket state needs no locking beyond the volatile fields of {@link ModemSocket}.
 */
final class UdpSockets {

    private static final Logger LOG = LoggerFactory.getLogger(UdpSockets.class);
    /** Reads per socket per drain: a flood of datagrams must not starve the other modem work. */
    private static final int MAX_READS = 64;

    private final List<ModemSocket> sockets = new CopyOnWriteArrayList<>();
    /** Characters of the longest NSORF answer: header, 2 hex characters per byte, framing. */
    private static final int MAX_NSORF_CHARS = 40 + 2 * NbIotModem.MAX_DATAGRAM_BYTES;

    private final ModemState state;
    private final Duration commandTimeout;
    private final int baud;

    UdpSockets(ModemState state, Duration commandTimeout, int baud) {
        this.state = state;
        this.commandTimeout = commandTimeout;
        this.baud = baud;
    }

    /**
     * The command timeout plus the time {@code chars} characters take on the wire (8N1: 10 bits
     * each): a full datagram is ~2.7k hex characters, 2.9 s at 9600 baud, more than the default
     * command timeout by itself.
     */
    private Duration withWireTime(int chars) {
        return commandTimeout.plusMillis(chars * 10_000L / baud);
    }

    void add(ModemSocket socket) {
        sockets.add(socket);
    }

    List<ModemSocket> all() {
        return sockets;
    }

    /** Creates {@code socket} on the modem (AT+NSOCR=DGRAM,17,port,1: with +NSONMI notification). */
    void open(AtEngine at, ModemSocket socket) throws AtException, AtParseException {
        AtResponse r = at.execute("AT+NSOCR=DGRAM,17," + socket.localPort() + ",1", commandTimeout);
        socket.modemNumber(AtReplies.socket(r.line()));
    }

    /** Opens on the modem every socket the user still holds that the modem lost. */
    void reopenLost(AtEngine at) throws AtException {
        for (ModemSocket s : sockets) {
            if (!s.isClosed() && s.modemNumber() < 0) {
                try {
                    open(at, s);
                    LOG.debug("modem on {}: reopened {}", at.port(), s);
                } catch (AtException.Error | AtParseException e) {
                    // one refused socket must not keep the modem offline; it is tried again at the next attach
                    LOG.warn("modem on {}: reopening the socket for local port {} failed, its datagrams fail until "
                            + "the next attach: {}", at.port(), s.localPort(), e.getMessage());
                }
            }
        }
    }

    /** The modem closed its sockets (registration lost, +NSOCLI, reboot): they are reopened on re-attach. */
    void markAllLost() {
        sockets.forEach(s -> s.modemNumber(-1));
    }

    void markLost(int modemNumber) {
        for (ModemSocket s : sockets) {
            if (s.modemNumber() == modemNumber) {
                s.modemNumber(-1);
            }
        }
    }

    void send(AtEngine at, ModemSocket socket, InetSocketAddress target, byte[] payload)
            throws AtException, ModemException {
        if (!(target.getAddress() instanceof Inet4Address ip) || target.getPort() < 1) {
            throw new ModemException("modem on " + at.port() + " sends to IPv4 addresses only (it does no name lookup); "
                    + "got " + target);
        }
        int n = socket.modemNumber();
        if (n < 0) {
            throw new ModemException("modem on " + at.port() + " has no open socket for local port " + socket.localPort()
                    + " (not registered: " + ModemState.describeRegistration(state.registration) + "); datagram not sent");
        }
        String command = "AT+NSOST=" + n + "," + ip.getHostAddress() + "," + target.getPort() + "," + payload.length
                + "," + HexFormat.of().withUpperCase().formatHex(payload);
        AtResponse r;
        try {
            r = at.execute(command, withWireTime(command.length()));
        } catch (AtException.Error e) {
            // a modem that rebooted by itself no longer has the socket: drop it, the next check reopens it
            closeQuietly(at, n);
            socket.modemNumber(-1);
            throw e;
        }
        try {
            int sent = AtReplies.sentLength(r.line());
            if (sent != payload.length) {
                throw new ModemException("modem on " + at.port() + " sent " + sent + " of " + payload.length
                        + " bytes to " + target);
            }
        } catch (AtParseException e) {
            throw new ModemException("modem on " + at.port() + " answered AT+NSOST oddly: " + e.getMessage());
        }
        state.datagramsSent.incrementAndGet();
    }

    void close(AtEngine at, ModemSocket socket) {
        sockets.remove(socket);
        int n = socket.modemNumber();
        socket.modemNumber(-1);
        if (n >= 0 && at != null) {
            closeQuietly(at, n);
        }
    }

    /**
     * After a new bring-up: closes on the modem whatever sockets it may still hold for us (a modem
     * that only stopped answering kept them) and marks them all for reopening.
     */
    void forgetAll(AtEngine at) {
        for (ModemSocket s : sockets) {
            int n = s.modemNumber();
            s.modemNumber(-1);
            if (n >= 0) {
                closeQuietly(at, n);
            }
        }
    }

    private void closeQuietly(AtEngine at, int n) {
        try {
            at.execute("AT+NSOCL=" + n, commandTimeout);
        } catch (AtException e) {
            LOG.debug("modem on {}: closing socket {} failed (already closed by the modem?): {}", at.port(), n,
                    e.getMessage());
        }
    }

    /**
     * Reads every datagram waiting on modem socket {@code n} (AT+NSORF until the modem has none),
     * reassembling one that comes in parts ({@code remaining} > 0) and handing each to its listener.
     *
     * @param drain whether this read was not prompted by +NSONMI (what it finds had its URC lost)
     * @return the number of datagrams delivered
     */
    int readAll(AtEngine at, int n, boolean drain) throws AtException {
        int delivered = 0;
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        for (int reads = 0; reads < MAX_READS; reads++) {
            AtResponse r = at.execute("AT+NSORF=" + n + "," + NbIotModem.MAX_DATAGRAM_BYTES,
                    withWireTime(MAX_NSORF_CHARS));
            if (r.lines().isEmpty()) {
                break;
            }
            AtReplies.NsorfRecord rec;
            try {
                rec = AtReplies.nsorf(r.lines().get(0));
            } catch (AtParseException e) {
                state.datagramsDropped.incrementAndGet();
                partial.reset();
                LOG.warn("modem on {}: dropped a datagram on socket {}, its AT+NSORF answer is malformed: {}",
                        at.port(), n, e.getMessage());
                continue;
            }
            partial.writeBytes(rec.data());
            if (rec.remaining() > 0) {
                continue;
            }
            if (drain) {
                state.datagramsRecoveredByDrain.incrementAndGet();
            }
            deliver(at.port(), n, new Datagram(new InetSocketAddress(rec.ip(), rec.port()), partial.toByteArray()));
            partial.reset();
            delivered++;
        }
        return delivered;
    }

    /** Reads every open socket, for datagrams whose +NSONMI was lost. */
    void drain(AtEngine at) throws AtException {
        for (ModemSocket s : sockets) {
            int n = s.modemNumber();
            if (n >= 0) {
                int found = readAll(at, n, true);
                if (found > 0) {
                    LOG.debug("modem on {}: drain found {} datagram(s) on socket {} without +NSONMI", at.port(), found, n);
                }
            }
        }
    }

    private void deliver(String port, int n, Datagram datagram) {
        for (ModemSocket s : sockets) {
            if (s.modemNumber() == n && !s.isClosed()) {
                state.datagramsReceived.incrementAndGet();
                try {
                    s.listener().received(datagram);
                } catch (RuntimeException e) {
                    state.datagramsDropped.incrementAndGet();
                    LOG.error("modem on {}: the listener of {} failed on a datagram from {} (a bug); datagram dropped",
                            port, s, datagram.source(), e);
                }
                return;
            }
        }
        state.datagramsDropped.incrementAndGet();
        LOG.debug("modem on {}: datagram from {} for socket {} that nobody holds, dropped", port, datagram.source(), n);
    }
}
