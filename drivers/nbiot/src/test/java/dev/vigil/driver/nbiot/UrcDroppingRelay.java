package dev.vigil.driver.nbiot;

import dev.vigil.sim.pty.PseudoTerminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pseudo-terminal between the driver and the simulator's modem that passes every byte through
 * but can swallow the next {@code +NSONMI} lines: the simulator's modem has no "lost URC" fault,
 * and on a real BC95 a URC sent while the UART sleeps or overflows is simply gone.
 */
final class UrcDroppingRelay implements AutoCloseable {

    private final PseudoTerminal gatewaySide;
    private final InputStream fromModem;
    private final OutputStream toModem;
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean running = true;

    UrcDroppingRelay(Path gatewayLink, Path modemLink) throws IOException {
        gatewaySide = PseudoTerminal.open(gatewayLink);
        fromModem = Files.newInputStream(modemLink);
        toModem = Files.newOutputStream(modemLink);
        daemon("relay-to-modem", this::pumpToModem);
        daemon("relay-to-gateway", this::pumpToGateway);
    }

    Path link() {
        return gatewaySide.link();
    }

    void dropNextNsonmi(int count) {
        dropNext.addAndGet(count);
    }

    int dropped() {
        return dropped.get();
    }

    private void pumpToModem() {
        byte[] buf = new byte[4096];
        try {
            while (running) {
                int n = gatewaySide.read(buf, TimeUnit.MILLISECONDS.toNanos(100));
                if (n > 0) {
                    toModem.write(buf, 0, n);
                    toModem.flush();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pumpToGateway() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while (running && (b = fromModem.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    line.reset();
                    boolean urc = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).startsWith("+NSONMI");
                    if (urc && dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    gatewaySide.write(bytes, 0, bytes.length);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        running = false;
        toModem.close();
        fromModem.close();
        gatewaySide.close();
    }
}
