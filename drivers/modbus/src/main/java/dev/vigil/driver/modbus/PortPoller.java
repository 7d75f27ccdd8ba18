package dev.vigil.driver.modbus;

import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import dev.vigil.core.spi.ReadingSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks on one serial port. It serves queued writes first, then the poll block
 * that is due soonest, so requests never overlap and a slow or dead slave delays the others by at
 * most its own timeout (times its retries until it is marked faulty, then once per backoff).
 */
final class PortPoller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PortPoller.class);
    static final Duration REOPEN_DELAY = Duration.ofSeconds(5);

    /** A write waiting for the bus. */
    record WriteJob(RtuRequest request, String what, CompletableFuture<Void> done) {
    }

    private static final class Scheduled {
        final PollBlock block;
        final long intervalNanos;
        long dueNanos;
        boolean refusalLogged;

        Scheduled(PollBlock block, long dueNanos) {
            this.block = block;
            this.intervalNanos = block.interval().toNanos();
            this.dueNanos = dueNanos;
        }
    }

    private final ModbusSite site;
    private final SerialLine line;
    private final RtuClient client;
    private final PortCounters counters;
    private final Map<Integer, SlaveState> slaves;
    private final List<Scheduled> schedule = new ArrayList<>();
    private final BlockingQueue<WriteJob> writes = new LinkedBlockingQueue<>();
    private final ReadingSink sink;
    private final Clock clock;
    private volatile boolean running = true;
    private volatile boolean portOpen;
    private volatile String portProblem = "not opened yet";

    PortPoller(ModbusSite site, SerialLine line, PortCounters counters, Map<Integer, SlaveState> slaves,
            List<PollBlock> blocks, ReadingSink sink, Clock clock) {
        this.site = site;
        this.line = line;
        this.counters = counters;
        this.client = new RtuClient(line, site.settings().serial(), counters);
        this.slaves = slaves;
        this.sink = sink;
        this.clock = clock;
        long now = System.nanoTime();
        blocks.forEach(b -> schedule.add(new Scheduled(b, now)));
    }

    boolean portOpen() {
        return portOpen;
    }

    String portProblem() {
        return portProblem;
    }

    void submit(WriteJob job) {
        if (!running) {
            job.done().completeExceptionally(new ModbusWriteException(job.what() + " not sent: the bus is stopped"));
            return;
        }
        writes.add(job);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (!line.isOpen() && !open()) {
                    waitForWrites(REOPEN_DELAY.toNanos(), "the port " + site.settings().port() + " is not open: " + portProblem);
                    continue;
                }
                WriteJob job = writes.poll();
                if (job != null) {
                    write(job);
                    continue;
                }
                Scheduled next = nextDue();
                if (next == null) {
                    waitForWrites(TimeUnit.SECONDS.toNanos(1), null);
                    continue;
                }
                long wait = effectiveDue(next) - System.nanoTime();
                if (wait > 0) {
                    waitForWrites(wait, null);
                    continue;
                }
                poll(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("bus {}: the poller of {} failed; polling stops until the gateway restarts", site.busId(),
                    site.settings().port(), e);
        } finally {
            line.close();
            portOpen = false;
            WriteJob left;
            while ((left = writes.poll()) != null) {
                left.done().completeExceptionally(new ModbusWriteException(left.what() + " not sent: the bus stopped"));
            }
        }
    }

    private boolean open() {
        try {
            line.open();
            portOpen = true;
            if (!"not opened yet".equals(portProblem)) {
                LOG.info("bus {}: serial port {} is open again; polling resumes", site.busId(), site.settings().port());
            }
            portProblem = null;
            return true;
        } catch (IOException e) {
            if (portOpen || "not opened yet".equals(portProblem)) {
                LOG.warn("bus {}: {}; its sensors get no readings, retrying every {} s", site.busId(), e.getMessage(),
                        REOPEN_DELAY.toSeconds());
            }
            portOpen = false;
            portProblem = e.getMessage();
            return false;
        }
    }

    /** Waits up to {@code nanos}; a write arriving meanwhile is served (or failed, if {@code refusal} says the port is down). */
    private void waitForWrites(long nanos, String refusal) throws InterruptedException {
        WriteJob job = writes.poll(nanos, TimeUnit.NANOSECONDS);
        if (job == null) {
            return;
        }
        if (refusal != null) {
            job.done().completeExceptionally(new ModbusWriteException(job.what() + " not sent: " + refusal));
        } else {
            writes.add(job); // served at the top of the loop, before any poll
        }
    }

    private Scheduled nextDue() {
        Scheduled best = null;
        for (Scheduled s : schedule) {
            if (best == null || effectiveDue(s) - effectiveDue(best) < 0) {
                best = s;
            }
        }
        return best;
    }

    private long effectiveDue(Scheduled s) {
        long hold = slaves.get(s.block.slave()).holdUntilNanos;
        return hold != 0 && hold - s.dueNanos > 0 ? hold : s.dueNanos;
    }

    private void poll(Scheduled s) {
        PollBlock block = s.block;
        SlaveState slave = slaves.get(block.slave());
        int attempts = slave.isFaulty() ? 1 : 1 + site.settings().retries();
        Outcome outcome = exchange(block.request(), slave.timeoutNanos, attempts);
        long now = System.nanoTime();
        Instant at = clock.instant();
        s.dueNanos += s.intervalNanos;
        if (s.dueNanos - now < 0) {
            s.dueNanos = now; // a late poll is not made up for with a burst
        }
        switch (outcome.kind()) {
            case ANSWER -> {
                if (slave.answered(at)) {
                    LOG.info("bus {}: slave {} ({}) on {} answers again; polling at its normal rate", site.busId(), block.slave(),
                            slave.profile, site.settings().port());
                }
                deliver(block, outcome.registers(), at);
            }
            case REFUSED -> {
                slave.answered(at);
                String why = "slave " + block.slave() + " refused " + block.request() + ": " + outcome.detail();
                if (!s.refusalLogged) {
                    s.refusalLogged = true;
                    LOG.warn("bus {}: {}; the profile {} does not match the device, its readings are BAD", site.busId(), why,
                            slave.profile);
                }
                bad(block, at, why);
            }
            default -> {
                String why = "slave " + block.slave() + " on " + site.settings().port() + ": " + outcome.kind().name().toLowerCase()
                        .replace('_', ' ') + " (" + outcome.detail() + ")";
                if (outcome.kind() == Outcome.Kind.PORT_ERROR) {
                    portOpen = false;
                    portProblem = outcome.detail();
                    line.close();
                    bad(block, at, why);
                    return;
                }
                if (slave.failed(why, site.settings().failuresToFault())) {
                    LOG.warn("bus {}: slave {} ({}) failed {} polls in a row, last: {}; marked faulty: its readings are BAD and it"
                            + " is polled with a growing backoff (at most {} s apart) until it answers", site.busId(), block.slave(), slave.profile,
                            slave.consecutiveFailures(), outcome.detail(), site.settings().maxBackoff().toSeconds());
                }
                if (slave.isFaulty()) {
                    slave.holdUntilNanos = now + backoffNanos(s, slave);
                }
                bad(block, at, why);
            }
        }
    }

    /** Doubles with every failure past the fault threshold, up to maxBackoff. */
    private long backoffNanos(Scheduled s, SlaveState slave) {
        int beyond = Math.min(30, slave.consecutiveFailures() - site.settings().failuresToFault() + 1);
        long backoff = s.intervalNanos << Math.max(0, Math.min(beyond, 20));
        return Math.min(backoff, site.settings().maxBackoff().toNanos());
    }

    private Outcome exchange(RtuRequest request, long timeoutNanos, int attempts) {
        Outcome outcome = null;
        for (int i = 0; i < attempts; i++) {
            if (i > 0) {
                counters.retries.incrementAndGet();
            }
            outcome = client.transact(request, timeoutNanos);
            if (!outcome.kind().retryable()) {
                break;
            }
        }
        return outcome;
    }

    private void deliver(PollBlock block, int[] registers, Instant at) {
        for (BoundSensor s : block.sensors()) {
            PointSpec.Decoded d = s.point().decode(registers, block.start(), s.parameters());
            Quality quality;
            if (d.faultCode().isPresent()) {
                quality = Quality.deviceFault(d.faultCode().get(), d.problem());
            } else if (!d.ok()) {
                quality = Quality.bad(d.problem());
            } else {
                quality = Quality.GOOD;
            }
            sink.accept(new Reading(s.sensorId(), s.quantity(), d.value(), s.point().unit(), at, quality));
        }
    }

    private void bad(PollBlock block, Instant at, String why) {
        for (BoundSensor s : block.sensors()) {
            sink.accept(new Reading(s.sensorId(), s.quantity(), Double.NaN, s.point().unit(), at, Quality.bad(why)));
        }
    }

    private void write(WriteJob job) {
        SlaveState slave = slaves.get(job.request().slave());
        long timeout = slave == null ? site.settings().timeout().toNanos() : slave.timeoutNanos;
        counters.writes.incrementAndGet();
        Outcome outcome = exchange(job.request(), timeout, 1 + site.settings().retries());
        if (outcome.answered()) {
            job.done().complete(null);
        } else {
            job.done().completeExceptionally(new ModbusWriteException(job.what() + " failed: " + outcome.kind().name()
                    .toLowerCase().replace('_', ' ') + " (" + outcome.detail() + ")"));
        }
    }
}
