package dev.vigil.sim.modbus;

import dev.vigil.sim.pty.LineSettings;
import dev.vigil.sim.pty.PacedWriter;
import dev.vigil.sim.pty.PseudoTerminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated RS-485 segment: a pseudo-terminal the gateway opens as its serial port, and the
 * Modbus RTU slaves wired to it.
 *
 * <p>The pty itself has no baud rate: the gateway's write arrives at once. The bus therefore keeps
 * a model of the wire. Each received character occupies the wire for one character time after it
 * arrived (or after the previous one finished), a frame ends after t3.5 of silence following the
 * last character, and the addressed slave starts answering its turnaround after that; its response
 * is released to the gateway character by character at the wire rate. A read of 10 registers at
 * 9600 8E1 thus takes (8 + 25) x 1.146 ms + 4.01 ms + turnaround, as on copper.
 */
public final class RtuBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtuBus.class);
    private static final int MAX_FRAME = 256;
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long ONE_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final String id;
    private final PseudoTerminal pty;
    private final SerialFraming framing;
    private final List<ModbusDevice> devices = new CopyOnWriteArrayList<>();
    private final List<Consumer<BusEvent>> observers = new CopyOnWriteArrayList<>();
    private final Random random;
    private final LineSettings busLine;
    private final PacedWriter writer;
    private final Thread thread;
    private volatile boolean unplugged;
    private volatile boolean closed;

    public RtuBus(String id, PseudoTerminal pty, SerialFraming framing, Random random) throws IOException {
        this.id = Objects.requireNonNull(id, "id");
        this.pty = Objects.requireNonNull(pty, "pty");
        this.framing = Objects.requireNonNull(framing, "framing");
        this.random = Objects.requireNonNull(random, "random");
        this.busLine = new LineSettings(framing.baud(), framing.dataBits(), framing.parity().name().charAt(0), framing.stopBits());
        pty.configureLine(busLine);
        this.writer = new PacedWriter(pty, framing.charNanos());
        this.thread = new Thread(this::run, "vigil-sim-bus-" + id);
        thread.setDaemon(true);
    }

    public RtuBus attach(ModbusDevice device) {
        for (ModbusDevice d : devices) {
            if (d.address() == device.address()) {
                throw new IllegalArgumentException("bus " + id + ": " + device + " has the same address as " + d);
            }
        }
        devices.add(device);
        return this;
    }

    public void addObserver(Consumer<BusEvent> observer) {
        observers.add(observer);
    }

    public RtuBus start() {
        thread.start();
        return this;
    }

    public String id() {
        return id;
    }

    public SerialFraming framing() {
        return framing;
    }

    public PseudoTerminal port() {
        return pty;
    }

    public List<ModbusDevice> devices() {
        return List.copyOf(devices);
    }

    /** Cable pulled out (true) or plugged back (false): while unplugged nothing reaches the slaves. */
    public void setUnplugged(boolean unplugged) {
        this.unplugged = unplugged;
        if (unplugged) {
            pty.flush();
        }
    }

    public boolean isUnplugged() {
        return unplugged;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }

    private void run() {
        byte[] buffer = new byte[512];
        while (!closed) {
            try {
                int n = pty.read(buffer, POLL_SLICE_NANOS);
                if (n > 0) {
                    receiveFrame(buffer, n, System.nanoTime());
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("bus {}: reading {} failed, bus thread stops: {}", id, pty.link(), e.getMessage());
                }
                return;
            } catch (RuntimeException e) {
                LOG.error("bus {}: simulator bug while serving a frame; frame dropped", id, e);
            }
        }
    }

    /** Collects one frame starting with {@code n} bytes that arrived at {@code arrivedNanos}, then serves it. */
    private void receiveFrame(byte[] buffer, int n, long arrivedNanos) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(buffer, 0, n);
        long wireEnd = arrivedNanos + framing.wireNanos(n);
        boolean gap = false;
        while (true) {
            long silenceEnd = wireEnd + framing.interFrameNanos();
            long remaining = silenceEnd - System.nanoTime();
            int got;
            if (remaining > ONE_MILLI) {
                got = pty.read(buffer, remaining - ONE_MILLI); // poll(2) rounds up to whole ms
            } else {
                if (remaining > 0) {
                    LockSupport.parkNanos(remaining);
                }
                got = pty.read(buffer, 0);
                if (got == 0) {
                    break;
                }
            }
            if (got > 0) {
                long now = System.nanoTime();
                if (now > wireEnd + framing.interCharNanos()) {
                    gap = true;
                }
                frame.write(buffer, 0, got);
                wireEnd = Math.max(now, wireEnd) + framing.wireNanos(got);
            }
        }
        serve(frame.toByteArray(), wireEnd, gap);
    }

    private void serve(byte[] frame, long requestEnd, boolean gap) throws IOException {
        int address = frame.length > 0 ? frame[0] & 0xFF : -1;
        int function = frame.length > 1 ? frame[1] & 0xFF : -1;
        if (unplugged) {
            publish(new BusEvent(id, BusEvent.Outcome.UNPLUGGED, address, function, null, requestEnd, 0, 0, "bus unplugged"));
            return;
        }
        // A UART at the wrong speed turns every character into garbage and framing errors. Only the
        // baud rate can be compared: the Linux pty driver forces CS8 and clears PARENB on every
        // tcsetattr, so the parity the gateway asked for is not visible here.
        int gatewayBaud = pty.lineSettings().baud();
        if (gatewayBaud != framing.baud()) {
            publish(new BusEvent(id, BusEvent.Outcome.CORRUPT_REQUEST, address, function, null, requestEnd, 0, 0,
                    "gateway port set to " + (gatewayBaud < 0 ? "a non-standard" : gatewayBaud) + " baud but the bus runs "
                            + framing + ": slaves see garbage"));
            return;
        }
        if (gap || frame.length < 4 || frame.length > MAX_FRAME || !Crc16.valid(frame, frame.length)) {
            String why = gap ? "gap over t1.5 inside the frame" : frame.length > MAX_FRAME ? "frame over 256 bytes"
                    : frame.length < 4 ? "frame of " + frame.length + " bytes" : "CRC mismatch";
            publish(new BusEvent(id, BusEvent.Outcome.CORRUPT_REQUEST, address, function, null, requestEnd, 0, 0, why));
            return;
        }
        byte[] pdu = Arrays.copyOfRange(frame, 1, frame.length - 2);
        if (address == 0) {
            for (ModbusDevice d : devices) {
                d.handle(pdu);
            }
            publish(new BusEvent(id, BusEvent.Outcome.BROADCAST, 0, function, null, requestEnd, 0, 0, "broadcast"));
            return;
        }
        ModbusDevice device = devices.stream().filter(d -> d.address() == address).findFirst().orElse(null);
        if (device == null) {
            publish(new BusEvent(id, BusEvent.Outcome.NO_SUCH_SLAVE, address, function, null, requestEnd, 0, 0, "no slave at " + address));
            return;
        }
        SlaveBehaviour behaviour = device.behaviour();
        byte[] responsePdu = device.handle(pdu);
        byte[] body = new byte[responsePdu.length + 1];
        body[0] = (byte) address;
        System.arraycopy(responsePdu, 0, body, 1, responsePdu.length);
        byte[] response = Crc16.append(body);
        long start = requestEnd + framing.interFrameNanos() + device.turnaround().toNanos();
        String detail = (responsePdu[0] & 0x80) != 0 ? "exception " + (responsePdu[1] & 0xFF) : "ok";
        switch (behaviour.mode()) {
            case SILENT -> {
                publish(new BusEvent(id, BusEvent.Outcome.FAULT_INJECTED, address, function, device.id(), requestEnd, 0, 0, "silent"));
                return;
            }
            case LATE -> {
                start += behaviour.delay().toNanos();
                detail = "late by " + behaviour.delay().toMillis() + " ms";
            }
            case BAD_CRC -> {
                response[response.length - 1] ^= 0x5A;
                detail = "bad CRC";
            }
            case GARBAGE -> {
                byte[] garbage = new byte[3 + random.nextInt(20)];
                random.nextBytes(garbage);
                response = garbage;
                detail = "garbage";
            }
            case NORMAL -> { }
        }
        long end = writer.transmit(response, response.length, start);
        BusEvent.Outcome outcome = behaviour.mode() == SlaveBehaviour.Mode.NORMAL
                ? BusEvent.Outcome.ANSWERED : BusEvent.Outcome.FAULT_INJECTED;
        publish(new BusEvent(id, outcome, address, function, device.id(), requestEnd, end, response.length, detail));
    }

    private void publish(BusEvent event) {
        for (Consumer<BusEvent> observer : observers) {
            try {
                observer.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("bus {}: event observer failed on {}: {}", id, event, e.toString());
            }
        }
    }
}
