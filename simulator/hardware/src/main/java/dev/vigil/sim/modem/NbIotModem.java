package dev.vigil.sim.modem;

import dev.vigil.sim.pty.LineSettings;
import dev.vigil.sim.pty.PacedWriter;
import dev.vigil.sim.pty.PseudoTerminal;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An NB-IoT modem of the Quectel BC28/BC95 class on its own pseudo-terminal, speaking the AT
 * command subset Vigil uses (see docs/simulator.md for every response byte for byte). Its UDP
 * sockets are relayed to real UDP sockets on the relay host (127.0.0.1 by default), so a CoAP
 * server on this machine receives what the gateway sent through the modem, and its replies come
 * back as {@code +NSONMI} notifications the gateway fetches with {@code AT+NSORF}.
 *
 * <p>Output is paced at the UART's baud rate (10 bits per character, 8N1), so a 512-byte
 * {@code AT+NSORF} takes as long as on the real module.
 *
 * <p>Responses follow the BC95 format: information lines and the final result each framed as
 * {@code <CR><LF>text<CR><LF>}, no space after the colon.
 */
public final class NbIotModem implements AutoCloseable {

    /** Largest payload one NSOST may carry (DESIGN.md: ~1358 bytes per datagram). */
    public static final int MAX_DATAGRAM = 1358;
    private static final int MAX_SOCKETS = 7;
    private static final Logger LOG = LoggerFactory.getLogger(NbIotModem.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Pattern NSOCR = Pattern.compile("AT\\+NSOCR=DGRAM,17,(\\d+)(?:,([01]))?");
    private static final Pattern NSOST = Pattern.compile("AT\\+NSOST=(\\d+),([0-9.]+),(\\d+),(\\d+),([0-9A-Fa-f]*)");
    private static final Pattern NSORF = Pattern.compile("AT\\+NSORF=(\\d+),(\\d+)");
    private static final Pattern NSOCL = Pattern.compile("AT\\+NSOCL=(\\d+)");
    private static final Pattern CPSMS = Pattern.compile("AT\\+CPSMS=([012])(?:,[^,]*,[^,]*(?:,\"?([01]{8})\"?)?(?:,\"?([01]{8})\"?)?)?");

    private final String id;
    private final PseudoTerminal pty;
    private final int baud;
    private final PacedWriter writer;
    private final String imei;
    private final String iccid;
    private final InetAddress relayHost;
    private final Object writeLock = new Object();
    private final Map<Integer, Socket> sockets = new ConcurrentHashMap<>();
    private final java.util.List<Consumer<String>> observers = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropNext = new AtomicInteger();
    private final Thread thread;

    private volatile boolean echo = true;
    private volatile int csq = 20;
    private volatile boolean registered = true;
    private volatile boolean attached = true;
    private volatile int ceregMode;
    private volatile String ipAddress = "10.45.12.7";
    private volatile String psms = "0,,,\"00000000\",\"00000000\"";
    private volatile boolean closed;

    /** One UDP socket of the modem, relayed to a real DatagramSocket. */
    private final class Socket {
        final int number;
        final DatagramSocket udp;
        final boolean notify;
        final ArrayDeque<Received> inbox = new ArrayDeque<>();
        final Map<Integer, String> addressedIpByPort = new ConcurrentHashMap<>();
        final Thread receiver;

        Socket(int number, int localPort, boolean notify) throws SocketException {
            this.number = number;
            this.notify = notify;
            this.udp = new DatagramSocket(new InetSocketAddress(relayHost, localPort));
            this.receiver = new Thread(this::receive, "vigil-sim-modem-" + id + "-socket-" + number);
            receiver.setDaemon(true);
            receiver.start();
        }

        private void receive() {
            byte[] buf = new byte[MAX_DATAGRAM + 100];
            while (!udp.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                try {
                    udp.receive(packet);
                } catch (IOException e) {
                    return;
                }
                byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                String ip = addressedIpByPort.getOrDefault(packet.getPort(), packet.getAddress().getHostAddress());
                if (!registered) {
                    emit("datagram from " + ip + ":" + packet.getPort() + " lost: not registered");
                    continue;
                }
                synchronized (this) {
                    inbox.add(new Received(ip, packet.getPort(), data));
                }
                emit("datagram " + data.length + " bytes from " + ip + ":" + packet.getPort() + " on socket " + number);
                if (notify) {
                    urc("+NSONMI:" + number + "," + data.length);
                }
            }
        }
    }

    private record Received(String ip, int port, byte[] data) {
    }

    /**
     * @param baud the modem UART's rate (BC95 default 9600, 8N1): its output is paced at it, and a
     *             gateway that opened the port at another rate is ignored, as the modem would see garbage
     */
    public NbIotModem(String id, PseudoTerminal pty, int baud, String imei, String iccid, InetAddress relayHost) throws IOException {
        this.id = Objects.requireNonNull(id, "id");
        this.pty = Objects.requireNonNull(pty, "pty");
        this.baud = baud;
        pty.configureLine(new LineSettings(baud, 8, 'N', 1));
        this.writer = new PacedWriter(pty, 10 * 1_000_000_000L / baud);
        this.imei = requireDigits(imei, 15, "IMEI");
        this.iccid = requireDigits(iccid, 20, "ICCID");
        this.relayHost = Objects.requireNonNull(relayHost, "relayHost");
        this.thread = new Thread(this::run, "vigil-sim-modem-" + id);
        thread.setDaemon(true);
    }

    public NbIotModem start() {
        thread.start();
        return this;
    }

    public String id() {
        return id;
    }

    public PseudoTerminal port() {
        return pty;
    }

    /** Receives a one-line description of the modem's traffic (AT commands, datagrams, datagrams dropped or lost). */
    public void addObserver(Consumer<String> observer) {
        observers.add(observer);
    }

    /** Signal quality as reported by AT+CSQ: 0..31, or 99 for unknown. */
    public void setCsq(int rssi) {
        if ((rssi < 0 || rssi > 31) && rssi != 99) {
            throw new IllegalArgumentException("CSQ rssi " + rssi + " outside 0..31 or 99");
        }
        csq = rssi;
    }

    /**
     * Loses (false) or regains (true) network registration. Losing it detaches, closes every socket
     * with {@code +NSOCLI} and, with AT+CEREG=1 set, reports {@code +CEREG:2} (searching); datagrams sent
     * meanwhile fail with ERROR and arriving ones are lost.
     */
    public void setRegistered(boolean nowRegistered) {
        if (registered == nowRegistered) {
            return;
        }
        registered = nowRegistered;
        attached = nowRegistered;
        if (ceregMode >= 1) {
            urc("+CEREG:" + (nowRegistered ? 1 : 2));
        }
        if (!nowRegistered) {
            for (Integer n : sockets.keySet()) {
                Socket s = sockets.remove(n);
                if (s != null) {
                    s.udp.close();
                    urc("+NSOCLI:" + n);
                }
            }
        }
    }

    public boolean isRegistered() {
        return registered;
    }

    /** The next {@code count} datagrams the gateway sends are acknowledged but never leave the modem. */
    public void dropNextDatagrams(int count) {
        dropNext.addAndGet(count);
    }

    @Override
    public void close() {
        closed = true;
        sockets.values().forEach(s -> s.udp.close());
        sockets.clear();
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }

    private void run() {
        byte[] buf = new byte[2048];
        StringBuilder line = new StringBuilder();
        while (!closed) {
            int n;
            try {
                n = pty.read(buf, TimeUnit.MILLISECONDS.toNanos(100));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("modem {}: reading {} failed, modem stops: {}", id, pty.link(), e.getMessage());
                }
                return;
            }
            if (n == 0) {
                continue;
            }
            if (!gatewayAtModemBaud()) {
                line.setLength(0);
                continue;
            }
            if (echo) {
                write(buf, n);
            }
            for (int i = 0; i < n; i++) {
                char c = (char) (buf[i] & 0xFF);
                if (c == '\r') {
                    String command = line.toString().trim();
                    line.setLength(0);
                    if (!command.isEmpty()) {
                        respond(command);
                    }
                } else if (c != '\n' && line.length() < 4096) {
                    line.append(c);
                }
            }
        }
    }

    private int lastWrongBaud;

    private boolean gatewayAtModemBaud() {
        int gatewayBaud;
        try {
            gatewayBaud = pty.lineSettings().baud();
        } catch (IOException e) {
            return true;
        }
        if (gatewayBaud == baud) {
            lastWrongBaud = 0;
            return true;
        }
        if (gatewayBaud != lastWrongBaud) {
            lastWrongBaud = gatewayBaud;
            emit("gateway port set to " + (gatewayBaud < 0 ? "a non-standard" : gatewayBaud) + " baud but the modem runs "
                    + baud + " 8N1: the modem sees garbage and does not answer");
        }
        return false;
    }

    private void respond(String command) {
        String reply;
        try {
            reply = execute(command);
        } catch (RuntimeException e) {
            LOG.error("modem {}: simulator bug on '{}'", id, command, e);
            reply = "\r\nERROR\r\n";
        }
        emit("AT " + command + " -> " + reply.trim().replace("\r\n", " | "));
        write(reply.getBytes(StandardCharsets.US_ASCII), -1);
    }

    /** Returns the complete response, information lines and final result, as sent on the wire. */
    String execute(String raw) {
        String cmd = raw.toUpperCase(Locale.ROOT).startsWith("AT") ? "AT" + raw.substring(2) : raw;
        String upper = cmd.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "AT":
                return ok();
            case "ATE0":
                echo = false;
                return ok();
            case "ATE1":
                echo = true;
                return ok();
            case "ATI":
                return info("Quectel", "BC95-B8", "Revision:V150R100C10B300SP7") + ok();
            case "AT+CSQ":
                return info("+CSQ:" + csq + ",99") + ok();
            case "AT+CEREG?":
                return info("+CEREG:" + ceregMode + "," + (registered ? 1 : 2)) + ok();
            case "AT+CGATT?":
                return info("+CGATT:" + (attached ? 1 : 0)) + ok();
            case "AT+CGATT=1":
                if (!registered) {
                    return error();
                }
                attached = true;
                return ok();
            case "AT+CGATT=0":
                attached = false;
                return ok();
            case "AT+CGPADDR":
                return info(attached ? "+CGPADDR:0," + ipAddress : "+CGPADDR:0") + ok();
            case "AT+CGSN=1":
                return info("+CGSN:" + imei) + ok();
            case "AT+NCCID":
                return info("+NCCID:" + iccid) + ok();
            case "AT+CFUN?":
                return info("+CFUN:1") + ok();
            case "AT+CPSMS?":
                return info("+CPSMS:" + psms) + ok();
            default:
                break;
        }
        if (upper.startsWith("AT+CEREG=")) {
            String mode = upper.substring("AT+CEREG=".length());
            if (!mode.matches("[0-2]")) {
                return error();
            }
            ceregMode = Integer.parseInt(mode);
            return ok();
        }
        Matcher m;
        if ((m = CPSMS.matcher(upper)).matches()) {
            String tau = m.group(2) == null ? "00000000" : m.group(2);
            String active = m.group(3) == null ? "00000000" : m.group(3);
            psms = m.group(1) + ",,,\"" + tau + "\",\"" + active + "\"";
            return ok();
        }
        if ((m = NSOCR.matcher(upper)).matches()) {
            return createSocket(Integer.parseInt(m.group(1)), m.group(2) == null || m.group(2).equals("1"));
        }
        if ((m = NSOST.matcher(cmd)).matches()) {
            return send(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), m.group(5));
        }
        if ((m = NSORF.matcher(upper)).matches()) {
            return readFrom(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = NSOCL.matcher(upper)).matches()) {
            Socket s = sockets.remove(Integer.parseInt(m.group(1)));
            if (s == null) {
                return error();
            }
            s.udp.close();
            return ok();
        }
        return error();
    }

    private String createSocket(int localPort, boolean notify) {
        if (localPort > 65535) {
            return error();
        }
        synchronized (sockets) {
            for (int n = 0; n < MAX_SOCKETS; n++) {
                if (!sockets.containsKey(n)) {
                    try {
                        sockets.put(n, new Socket(n, localPort, notify));
                    } catch (SocketException e) {
                        emit("cannot open relay UDP socket on port " + localPort + ": " + e.getMessage());
                        return error();
                    }
                    return info(Integer.toString(n)) + ok();
                }
            }
        }
        return error();
    }

    private String send(int number, String ip, int port, int length, String hex) {
        Socket s = sockets.get(number);
        if (s == null || port < 1 || port > 65535 || length > MAX_DATAGRAM || hex.length() != 2 * length || !registered || !attached) {
            return error();
        }
        byte[] data = HEX.parseHex(hex);
        if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            emit("dropped datagram of " + length + " bytes to " + ip + ":" + port + " (fault injection)");
            return info(number + "," + length) + ok();
        }
        try {
            s.addressedIpByPort.put(port, ip);
            s.udp.send(new DatagramPacket(data, data.length, new InetSocketAddress(relayHost, port)));
        } catch (IOException e) {
            emit("relay of " + length + " bytes to " + relayHost.getHostAddress() + ":" + port + " failed: " + e.getMessage());
            return error();
        }
        emit("sent " + length + " bytes to " + ip + ":" + port + " via " + relayHost.getHostAddress());
        return info(number + "," + length) + ok();
    }

    private String readFrom(int number, int maxLength) {
        Socket s = sockets.get(number);
        if (s == null) {
            return error();
        }
        synchronized (s) {
            Received r = s.inbox.poll();
            if (r == null) {
                return ok();
            }
            int take = Math.min(maxLength, r.data().length);
            int remaining = r.data().length - take;
            if (remaining > 0) {
                s.inbox.addFirst(new Received(r.ip(), r.port(), java.util.Arrays.copyOfRange(r.data(), take, r.data().length)));
            }
            String hex = HEX.formatHex(r.data(), 0, take);
            return info(number + "," + r.ip() + "," + r.port() + "," + take + "," + hex + "," + remaining) + ok();
        }
    }

    private void urc(String text) {
        write(("\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII), -1);
    }

    private void write(byte[] bytes, int length) {
        int len = length < 0 ? bytes.length : length;
        synchronized (writeLock) {
            try {
                writer.transmit(bytes, len, System.nanoTime());
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("modem {}: writing to {} failed; response lost: {}", id, pty.link(), e.getMessage());
                }
            }
        }
    }

    private void emit(String what) {
        for (Consumer<String> o : observers) {
            o.accept(what);
        }
    }

    private static String info(String... lines) {
        return "\r\n" + String.join("\r\n", lines) + "\r\n";
    }

    private static String ok() {
        return "\r\nOK\r\n";
    }

    private static String error() {
        return "\r\nERROR\r\n";
    }

    private static String requireDigits(String value, int length, String what) {
        if (value == null || !value.matches("\\d{" + length + "}")) {
            throw new IllegalArgumentException(what + " must be " + length + " digits, got '" + value + "'");
        }
        return value;
    }
}
