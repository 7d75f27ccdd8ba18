package dev.vigil.sim.modem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw terminal on the modem's port: writes command bytes, collects every byte that comes back. */
final class AtSession implements AutoCloseable {
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    AtSession(Path port) throws IOException {
        in = Files.newInputStream(port);
        out = Files.newOutputStream(port);
        reader = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    received.add(b);
                }
            } catch (IOException ignored) {
                // closed
            }
        }, "at-session-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends {@code line} + CR and returns everything received until the text ends with {@code terminator}. */
    String command(String line, String terminator) throws Exception {
        send(line + "\r");
        return until(terminator);
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    String until(String terminator) throws InterruptedException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!got.toString(StandardCharsets.US_ASCII).endsWith(terminator)) {
            Integer b = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (b == null) {
                throw new AssertionError("no '" + terminator.replace("\r", "<CR>").replace("\n", "<LF>") + "' within 3 s; got: "
                        + got.toString(StandardCharsets.US_ASCII).replace("\r", "<CR>").replace("\n", "<LF>"));
            }
            got.write(b);
        }
        return got.toString(StandardCharsets.US_ASCII);
    }

    /** Bytes that arrived and were not consumed yet. */
    String pending(long waitMillis) throws InterruptedException {
        Thread.sleep(waitMillis);
        StringBuilder sb = new StringBuilder();
        Integer b;
        while ((b = received.poll()) != null) {
            sb.append((char) b.intValue());
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
        in.close();
    }
}
