package dev.vigil.driver.nbiot;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** A {@link SerialLine} on a jSerialComm port (8N1, no flow control, as BC28/BC95 modules ship). */
final class JSerialCommLine implements SerialLine {

    private final SerialPort port;
    private final String name;

    private JSerialCommLine(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    static JSerialCommLine open(String path, int baud) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("serial port " + path + " does not exist: " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        // write timeout 0 = until written: without flow control the UART drains at line rate, and a
        // full NSOST (~2.7k characters) takes 2.9 s at 9600 baud; the AT engine bounds the command
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (jSerialComm error " + port.getLastErrorCode()
                    + ", errno-location " + port.getLastErrorLocation() + ")");
        }
        return new JSerialCommLine(port, path);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("reading serial port " + name + " failed (jSerialComm error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        int n = port.writeBytes(data, data.length);
        if (n != data.length) {
            throw new IOException("writing " + data.length + " bytes to serial port " + name + " wrote " + n
                    + " (jSerialComm error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public void discardInput() {
        port.flushIOBuffers();
        byte[] sink = new byte[256];
        while (port.bytesAvailable() > 0 && port.readBytes(sink, Math.min(sink.length, port.bytesAvailable())) > 0) {
            // drop
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
