package dev.vigil.driver.nbiot;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A hand-written modem line: records the commands written, plays back what the test makes the modem say. */
final class FakeLine implements SerialLine {

    final BlockingQueue<String> written = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> toGateway = new LinkedBlockingQueue<>();
    /** Answers a command (without CR) with raw modem bytes, or null to stay silent. */
    volatile Function<String, String> modem = cmd -> null;
    volatile int discards;

    void modemSends(String raw) {
        toGateway.add(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    String nextCommand() throws InterruptedException {
        String c = written.poll(2, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no command written within 2 s");
        }
        return c;
    }

    @Override
    public String name() {
        return "/dev/fake0";
    }

    @Override
    public int read(byte[] buffer) throws java.io.IOException {
        try {
            byte[] chunk = toGateway.poll(20, TimeUnit.MILLISECONDS);
            if (chunk == null) {
                return 0;
            }
            System.arraycopy(chunk, 0, buffer, 0, chunk.length);
            return chunk.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted");
        }
    }

    @Override
    public void write(byte[] data) {
        String command = new String(data, StandardCharsets.US_ASCII).replace("\r", "");
        written.add(command);
        String answer = modem.apply(command);
        if (answer != null) {
            modemSends(answer);
        }
    }

    @Override
    public void discardInput() {
        discards++;
        toGateway.clear();
    }

    @Override
    public void close() {
    }
}
