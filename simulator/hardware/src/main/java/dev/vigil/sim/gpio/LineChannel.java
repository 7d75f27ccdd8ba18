package dev.vigil.sim.gpio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * ASCII lines over a blocking socket channel, read by one thread and written by any. It uses the
 * channel directly because the {@code Channels.newInputStream/newOutputStream} adapters share the
 * channel's blocking lock, so a write would wait for a pending read to finish.
 */
final class LineChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(4096);
    private final StringBuilder line = new StringBuilder();

    LineChannel(SocketChannel channel) {
        this.channel = channel;
        in.flip();
    }

    /** The next line without its LF, or null at end of stream. */
    String readLine() throws IOException {
        while (true) {
            while (in.hasRemaining()) {
                char c = (char) (in.get() & 0xFF);
                if (c == '\n') {
                    String l = line.toString();
                    line.setLength(0);
                    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
                }
                if (line.length() < 1024) {
                    line.append(c);
                }
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return null;
            }
        }
    }

    void writeLine(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.US_ASCII));
        synchronized (this) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
