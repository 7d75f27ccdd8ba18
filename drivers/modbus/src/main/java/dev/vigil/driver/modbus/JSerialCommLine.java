package dev.vigil.driver.modbus;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * A {@link SerialLine} on jSerialComm. The port is non-blocking and a read polls
 * {@code bytesAvailable()} (under a microsecond) every half character time, at least every 250 µs:
 * jSerialComm's semi-blocking timeout is rounded up to whole 100 ms on Linux (it becomes termios
 * VTIME; measured: a 5 ms read timeout took 104 ms), which would turn a 50 ms slave timeout into
 * 100 ms or more. The RTU client sleeps until an answer can have arrived before it reads, so the
 * polling happens only around the answer's expected end.
 */
final class JSerialCommLine implements SerialLine {

    private static final long MIN_POLL_NANOS = 250_000;

    private final String path;
    private final SerialSettings settings;
    private SerialPort port;

    JSerialCommLine(String path, SerialSettings settings) {
        this.path = path;
        this.settings = settings;
    }

    @Override
    public void open() throws IOException {
        SerialPort p = SerialPort.getCommPort(path);
        p.setComPortParameters(settings.baud(), settings.dataBits(),
                settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT,
                switch (settings.parity()) {
                    case NONE -> SerialPort.NO_PARITY;
                    case EVEN -> SerialPort.EVEN_PARITY;
                    case ODD -> SerialPort.ODD_PARITY;
                });
        p.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + p.getLastErrorCode()
                    + " at " + p.getLastErrorLocation() + ")");
        }
        port = p;
    }

    @Override
    public boolean isOpen() {
        return port != null && port.isOpen();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        int n = port.writeBytes(frame, frame.length);
        if (n != frame.length) {
            throw new IOException("writing " + frame.length + " bytes to " + path + " wrote " + n
                    + " (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        long pollNanos = Math.max(MIN_POLL_NANOS, settings.charNanos() / 2);
        while (true) {
            int available = port.bytesAvailable();
            if (available < 0) {
                throw new IOException("reading " + path + " failed (error " + port.getLastErrorCode() + ")");
            }
            if (available > 0) {
                int n = port.readBytes(buffer, Math.min(available, length), offset);
                if (n < 0) {
                    throw new IOException("reading " + path + " failed (error " + port.getLastErrorCode() + ")");
                }
                return n;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, pollNanos));
        }
    }

    @Override
    public void discardInput() {
        if (port != null) {
            port.flushIOBuffers();
        }
    }

    @Override
    public void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    @Override
    public String name() {
        return path;
    }
}
