package dev.vigil.sim.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.pty.PseudoTerminal;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A read of 10 registers takes the time the Modbus timing rules give for the wire: request
 * (8 chars) + t3.5 + slave turnaround + response (25 chars). Measured twice: by a raw client on the
 * pty (write to last byte received) and on the simulator side (request end to response end).
 * On the simulator side the median of several reads keeps one scheduler hiccup from deciding; on the
 * client side the fastest read is taken, because a loaded machine only ever adds wake-up delay to
 * a round trip and a wrongly paced bus would make every read, the fastest too, miss the wire time.
 */
class PacedTimingTest {
    private static final int READS = 9;
    private static final Duration TURNAROUND = Duration.ofMillis(2);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} baud {1}")
    @CsvSource({"9600, 8E1", "19200, 8N2"})
    void ten_register_read_takes_the_wire_time_within_ten_percent(int baud, String format) throws Exception {
        SerialFraming framing = SerialFraming.of(baud, format);
        assertEquals(11, framing.bitsPerChar(), "Modbus RTU characters are 11 bits");
        ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm", 1, TURNAROUND);
        List<BusEvent> events = new CopyOnWriteArrayList<>();
        byte[] request = Crc16.append(new byte[] {1, 3, 0x00, 0x4A, 0, 10});
        int responseLength = 5 + 2 * 10;

        long charNanos = 11 * 1_000_000_000L / baud;
        long t35 = baud > 19_200 ? 1_750_000 : charNanos * 7 / 2;
        long expectedRoundTrip = (request.length + responseLength) * charNanos + t35 + TURNAROUND.toNanos();
        long expectedSimulatorSide = t35 + TURNAROUND.toNanos() + responseLength * charNanos;

        long[] roundTrips = new long[READS];
        try (RtuBus bus = new RtuBus("timing", PseudoTerminal.open(dir.resolve("timing")), framing, new Random(1))) {
            bus.attach(rcm).addObserver(events::add);
            bus.start();
            try (RandomAccessFile client = new RandomAccessFile(bus.port().link().toFile(), "rw")) {
                // a plain blocking read has no timeout: give up on the whole exchange instead of hanging the build
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    byte[] response = new byte[responseLength];
                    for (int i = 0; i < READS; i++) {
                        long t0 = System.nanoTime();
                        client.write(request);
                        int got = 0;
                        while (got < responseLength) {
                            got += client.read(response, got, responseLength - got);
                        }
                        roundTrips[i] = System.nanoTime() - t0;
                        assertTrue(Crc16.valid(response, responseLength));
                        Thread.sleep(5); // the master's own t3.5 before its next request
                    }
                }, () -> "no complete response; bus events: " + events);
            }
        }
        long[] simulatorSide = events.stream().mapToLong(e -> e.responseEndNanos() - e.requestEndNanos()).toArray();
        assertEquals(READS, simulatorSide.length);

        long clientFastest = Arrays.stream(roundTrips).min().orElseThrow();
        long simMedian = median(simulatorSide);
        String report = String.format("%d %s: expected %.2f ms round trip, measured fastest %.2f ms (all: %s); "
                        + "simulator side expected %.2f ms, median %.2f ms",
                baud, format, expectedRoundTrip / 1e6, clientFastest / 1e6, millis(roundTrips),
                expectedSimulatorSide / 1e6, simMedian / 1e6);
        System.out.println(report);
        assertWithinTenPercent(expectedRoundTrip, clientFastest, report);
        assertWithinTenPercent(expectedSimulatorSide, simMedian, report);
    }

    private static void assertWithinTenPercent(long expected, long actual, String report) {
        assertTrue(Math.abs(actual - expected) <= expected / 10, report);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static List<String> millis(long[] nanos) {
        List<String> out = new ArrayList<>();
        for (long n : nanos) {
            out.add(String.format("%.2f", n / 1e6));
        }
        return out;
    }
}
