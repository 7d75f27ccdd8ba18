package dev.vigil.driver.modbus;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * A {@link SerialLine} on jSerialComm. Reads are semi-blocking in short slices so a read returns
 * as soon as a byte arrives while a request's timeout stays accurate to a few milliseconds.
 */
final class JSerialCommLine implements SerialLine {

    private static final int SLICE_MILLIS = 5;

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
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, SLICE_MILLIS, 0);
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
        while (true) {
            int n = port.readBytes(buffer, length, offset);
            if (n < 0) {
                throw new IOException("reading " + path + " failed (error " + port.getLastErrorCode() + ")");
            }
            if (n > 0 || System.nanoTime() - deadline >= 0) {
                return n;
            }
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
