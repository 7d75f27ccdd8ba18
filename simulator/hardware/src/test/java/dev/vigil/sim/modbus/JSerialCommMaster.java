package dev.vigil.sim.modbus;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/**
 * A minimal Modbus RTU master on jSerialComm, opening the simulator's symlink as the gateway does.
 * It sends one request and collects what comes back until {@code expected} bytes or the timeout.
 */
final class JSerialCommMaster implements AutoCloseable {
    private final SerialPort port;

    JSerialCommMaster(Path path, int baud) {
        port = SerialPort.getCommPort(path.toString());
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 20, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("cannot open " + path + ": error " + port.getLastErrorCode());
        }
    }

    byte[] request(byte[] pduWithAddress, int expected, long timeoutMillis) {
        return exchange(Crc16.append(pduWithAddress), expected, timeoutMillis);
    }

    byte[] exchange(byte[] raw, int expected, long timeoutMillis) {
        port.flushIOBuffers();
        port.writeBytes(raw, raw.length);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] buf = new byte[256];
        while (got.size() < expected && System.nanoTime() < deadline) {
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
                got.write(buf, 0, n);
            }
        }
        return got.toByteArray();
    }

    @Override
    public void close() {
        port.closePort();
    }

    static byte[] readHolding(int address, int start, int count) {
        return new byte[] {(byte) address, 3, (byte) (start >> 8), (byte) start, (byte) (count >> 8), (byte) count};
    }

    static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }
}
