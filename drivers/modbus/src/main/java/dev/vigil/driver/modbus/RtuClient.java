package dev.vigil.driver.modbus;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A Modbus RTU master on one serial line, used by one thread. It keeps the bus timing (t3.5 of
 * silence before every request), frames the answer by its expected length so it returns the moment
 * the last byte arrived, and gives up on a slave after that request's own timeout.
 */
public final class RtuClient {

    private final SerialLine line;
    private final SerialSettings settings;
    private final PortCounters counters;
    private final byte[] buffer = new byte[512];
    private long lastActivityNanos = System.nanoTime();

    RtuClient(SerialLine line, SerialSettings settings, PortCounters counters) {
        this.line = line;
        this.settings = settings;
        this.counters = counters;
    }

    /**
     * Sends {@code request} and waits for its answer at most {@code timeoutNanos} after the request
     * left the wire.
     */
    public Outcome transact(RtuRequest request, long timeoutNanos) {
        waitForSilence();
        byte[] frame = request.encode();
        long start = System.nanoTime();
        counters.requests.incrementAndGet();
        try {
            line.discardInput();
            line.write(frame);
            long sent = System.nanoTime();
            long deadline = sent + settings.wireNanos(frame.length) + timeoutNanos;
            // no answer can be complete before the request, t3.5 and a normal answer have crossed the wire
            sleepUntil(Math.min(deadline, sent + settings.wireNanos(frame.length + request.responseLength() - 1)
                    + settings.interFrameNanos()));
            Outcome outcome = receive(request, deadline, timeoutNanos);
            counters.count(outcome.kind());
            return outcome;
        } catch (IOException e) {
            counters.count(Outcome.Kind.PORT_ERROR);
            return Outcome.failed(Outcome.Kind.PORT_ERROR, e.getMessage());
        } finally {
            lastActivityNanos = System.nanoTime();
            counters.busyNanos.addAndGet(lastActivityNanos - start);
        }
    }

    private Outcome receive(RtuRequest request, long deadline, long timeoutNanos) throws IOException {
        int length = 0;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return length == 0
                        ? Outcome.failed(Outcome.Kind.TIMEOUT, "no answer within " + timeoutNanos / 1_000_000 + " ms")
                        : Outcome.failed(Outcome.Kind.TIMEOUT, "answer incomplete after " + length + " bytes and " + timeoutNanos / 1_000_000 + " ms");
            }
            int n = line.read(buffer, length, buffer.length - length, left);
            if (n <= 0) {
                continue;
            }
            length += n;
            RtuResponseParser.Result result = RtuResponseParser.parse(request, buffer, length);
            if (result instanceof RtuResponseParser.Incomplete) {
                if (length == buffer.length) {
                    return settle(Outcome.Kind.MALFORMED, "over " + buffer.length + " bytes without a frame", deadline);
                }
            } else if (result instanceof RtuResponseParser.Answer answer) {
                return Outcome.answer(answer.registers());
            } else if (result instanceof RtuResponseParser.Refused refused) {
                return new Outcome(Outcome.Kind.REFUSED, new int[0], refused.exceptionCode(),
                        "exception " + refused.exceptionCode() + " (" + refused.meaning() + ")");
            } else if (result instanceof RtuResponseParser.CrcError crc) {
                return settle(Outcome.Kind.CRC_ERROR, "CRC mismatch in a " + crc.length() + "-byte answer", deadline);
            } else {
                return settle(Outcome.Kind.MALFORMED, ((RtuResponseParser.Malformed) result).why(), deadline);
            }
        }
    }

    /** After a bad answer, lets the rest of it pass (t3.5 of silence, at most until the deadline) and drops it. */
    private Outcome settle(Outcome.Kind kind, String detail, long deadline) throws IOException {
        byte[] scratch = new byte[256];
        long quiet = Math.max(settings.interFrameNanos(), 1_000_000L);
        while (System.nanoTime() < deadline) {
            if (line.read(scratch, 0, scratch.length, quiet) == 0) {
                break;
            }
        }
        return Outcome.failed(kind, detail);
    }

    private void waitForSilence() {
        sleepUntil(lastActivityNanos + settings.interFrameNanos());
    }

    private static void sleepUntil(long until) {
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    SerialSettings settings() {
        return settings;
    }
}
