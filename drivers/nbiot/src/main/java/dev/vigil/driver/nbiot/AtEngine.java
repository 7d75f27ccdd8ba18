package dev.vigil.driver.nbiot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs AT commands on one serial line: one command in flight at a time, its information lines
 * and final result (OK, ERROR, +CME ERROR) matched to it, URCs routed to a listener, every command
 * bounded by its own timeout. After a timeout, garbage or a stray line it resynchronises before
 * the next command: discards input and sends AT until the modem answers OK.
 *
 * <p>A reader thread owns the line's input; callers block in {@link #execute} (the driver calls it
 * from its single modem thread). The URC listener runs on the reader thread and must return fast.
 */
final class AtEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AtEngine.class);
    static final int RESYNC_ATTEMPTS = 5;

    private final SerialLine line;
    private final List<Consumer<Urc>> urcListeners = new CopyOnWriteArrayList<>();
    private final Duration resyncTimeout;
    private final AtCounters counters = new AtCounters();
    private final ReentrantLock inFlight = new ReentrantLock();
    private final AtLineSplitter splitter = new AtLineSplitter();
    private final Thread reader;

    private volatile Pending pending;
    private volatile boolean needsResync;
    private volatile boolean resetSplitter;
    private volatile boolean running = true;
    private volatile IOException broken;

    private static final class Pending {
        final AtCommand command;
        final List<String> lines = new ArrayList<>();
        final CompletableFuture<String> finalLine = new CompletableFuture<>();

        Pending(AtCommand command) {
            this.command = command;
        }
    }

    /**
     * @param resyncTimeout how long each AT of a resynchronisation waits for OK
     */
    AtEngine(SerialLine line, Consumer<Urc> urcListener, Duration resyncTimeout) {
        this.line = line;
        urcListeners.add(urcListener);
        this.resyncTimeout = resyncTimeout;
        this.reader = new Thread(this::readLoop, "vigil-nbiot-reader-" + line.name());
        reader.setDaemon(true);
        reader.start();
    }

    /** Adds a URC listener; like the first, it runs on the reader thread and must return fast. */
    void addUrcListener(Consumer<Urc> listener) {
        urcListeners.add(listener);
    }

    AtCounters counters() {
        return counters;
    }

    String port() {
        return line.name();
    }

    /** Whether the next command will resynchronise first (after a timeout, garbage or a stray line). */
    boolean needsResync() {
        return needsResync;
    }

    /** Makes the next command resynchronise first, e.g. after an answer that did not parse. */
    void requestResync() {
        needsResync = true;
    }

    /** Set when the port itself failed (unplugged adapter): the driver must reopen it. */
    IOException broken() {
        return broken;
    }

    /**
     * Sends {@code command} and waits for its final result, resynchronising first if needed.
     *
     * @throws AtException.Timeout when no final result came within the command's timeout
     * @throws AtException.Error   when the modem answered ERROR or +CME ERROR
     * @throws AtException         when the port failed or resynchronisation failed
     */
    AtResponse execute(AtCommand command) throws AtException {
        inFlight.lock();
        try {
            if (needsResync) {
                resync();
            }
            return exchange(command);
        } finally {
            inFlight.unlock();
        }
    }

    AtResponse execute(String text, Duration timeout) throws AtException {
        return execute(AtCommand.of(text, timeout));
    }

    /** Discards input and sends AT until OK, up to {@link #RESYNC_ATTEMPTS} times. */
    void resync() throws AtException {
        inFlight.lock();
        try {
            counters.resyncs.incrementAndGet();
            AtException last = null;
            for (int attempt = 1; attempt <= RESYNC_ATTEMPTS; attempt++) {
                line.discardInput();
                resetSplitter = true;
                try {
                    exchange(AtCommand.of("AT", resyncTimeout));
                    needsResync = false;
                    LOG.debug("modem on {} resynchronised after {} attempt(s)", line.name(), attempt);
                    return;
                } catch (AtException e) {
                    last = e;
                }
            }
            needsResync = true;
            throw new AtException("modem on " + line.name() + " does not answer AT with OK after " + RESYNC_ATTEMPTS
                    + " attempts", last);
        } finally {
            inFlight.unlock();
        }
    }

    private AtResponse exchange(AtCommand command) throws AtException {
        if (broken != null) {
            throw new AtException("serial port " + line.name() + " failed: " + broken.getMessage(), broken);
        }
        Pending p = new Pending(command);
        pending = p;
        counters.commands.incrementAndGet();
        String finalLine;
        try {
            line.write((command.text() + "\r").getBytes(StandardCharsets.US_ASCII));
            finalLine = p.finalLine.get(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            counters.timeouts.incrementAndGet();
            needsResync = true;
            throw new AtException.Timeout("modem on " + line.name() + " did not answer " + command.text() + " within "
                    + command.timeout().toMillis() + " ms");
        } catch (IOException e) {
            needsResync = true;
            throw new AtException("writing " + command.text() + " to " + line.name() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            needsResync = true;
            throw new AtException("interrupted waiting for " + command.text() + " on " + line.name());
        } catch (ExecutionException e) {
            throw new AtException("unreachable", e);
        } finally {
            pending = null;
        }
        if (!finalLine.equals("OK")) {
            counters.errors.incrementAndGet();
            throw new AtException.Error("modem on " + line.name() + " answered " + command.text() + " with "
                    + finalLine, AtReplies.errorCode(finalLine));
        }
        synchronized (p) {
            return new AtResponse(command, p.lines);
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[1024];
        while (running) {
            int n;
            try {
                n = line.read(buffer);
            } catch (IOException e) {
                if (running) {
                    broken = e;
                    LOG.warn("modem on {}: reading the port failed, commands fail until the driver reopens it: {}",
                            line.name(), e.getMessage());
                }
                return;
            }
            if (resetSplitter) {
                resetSplitter = false;
                splitter.reset();
            }
            for (AtLine l : splitter.feed(buffer, n)) {
                onLine(l);
            }
        }
    }

    private void onLine(AtLine l) {
        Pending p = pending;
        if (l.garbled()) {
            counters.garbledLines.incrementAndGet();
            needsResync = true;
            LOG.debug("modem on {}: garbled line '{}'", line.name(), AtReplies.printable(l.text()));
            return;
        }
        String text = l.text();
        if (p != null && text.equals(p.command.text())) {
            return; // echo (ATE1)
        }
        if (AtReplies.looksLikeUrc(text) && (p == null || !p.command.claims(text))) {
            routeUrc(text);
            return;
        }
        if (p == null) {
            counters.strayLines.incrementAndGet();
            needsResync = true;
            LOG.debug("modem on {}: line with no command in flight '{}'", line.name(), AtReplies.printable(text));
            return;
        }
        if (l.isFinal()) {
            p.finalLine.complete(text);
        } else {
            synchronized (p) {
                p.lines.add(text);
            }
        }
    }

    private void routeUrc(String text) {
        counters.urcs.incrementAndGet();
        Urc urc;
        try {
            urc = AtReplies.urc(text);
        } catch (AtParseException e) {
            counters.garbledLines.incrementAndGet();
            needsResync = true;
            LOG.debug("modem on {}: malformed URC: {}", line.name(), e.getMessage());
            return;
        }
        for (Consumer<Urc> listener : urcListeners) {
            try {
                listener.accept(urc);
            } catch (RuntimeException e) {
                LOG.error("modem on {}: URC listener failed on '{}' (a bug)", line.name(), text, e);
            }
        }
    }

    /** Stops the reader thread and closes the line. */
    @Override
    public void close() {
        running = false;
        line.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
