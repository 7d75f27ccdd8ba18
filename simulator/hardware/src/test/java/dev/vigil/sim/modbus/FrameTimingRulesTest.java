package dev.vigil.sim.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sim.device.PressureLevelTransmitter;
import dev.vigil.sim.pty.PseudoTerminal;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The character-gap rules of Modbus over Serial Line V1.02 2.5.1.1, at 300 baud so the windows
 * (t1.5 = 55 ms, t3.5 = 128 ms) are wide enough for a loaded machine: a pause over t1.5 inside a
 * frame makes it corrupt, a pause over t3.5 splits it in two; neither is answered.
 */
class FrameTimingRulesTest {
    @TempDir
    Path dir;

    @Test
    void pauses_inside_a_request_follow_the_t15_and_t35_rules() throws Exception {
        SerialFraming framing = SerialFraming.of(300, "8E1");
        long charMs = framing.charNanos() / 1_000_000; // 36 ms
        List<BusEvent> events = new CopyOnWriteArrayList<>();
        PressureLevelTransmitter slave = new PressureLevelTransmitter("lvl", 2, Duration.ZERO, 300);
        try (RtuBus bus = new RtuBus("slow", PseudoTerminal.open(dir.resolve("slow")), framing, new Random(1));
                RandomAccessFile client = new RandomAccessFile(dir.resolve("slow").toFile(), "rw")) {
            bus.attach(slave).addObserver(events::add);
            bus.start();
            byte[] request = Crc16.append(new byte[] {2, 3, 0, 4, 0, 1});

            // 4 characters occupy the wire for 4 x 36.7 ms; resume ~90 ms after that: over t1.5, under t3.5
            client.write(Arrays.copyOfRange(request, 0, 4));
            Thread.sleep(4 * charMs + 90);
            client.write(Arrays.copyOfRange(request, 4, 8));
            waitFor(events, 1);
            assertEquals(BusEvent.Outcome.CORRUPT_REQUEST, events.get(0).outcome());
            assertEquals("gap over t1.5 inside the frame", events.get(0).detail());

            // resume after more than t3.5: two frames, both too short / failing CRC
            client.write(Arrays.copyOfRange(request, 0, 4));
            Thread.sleep(4 * charMs + 300);
            client.write(Arrays.copyOfRange(request, 4, 8));
            waitFor(events, 3);
            assertEquals(BusEvent.Outcome.CORRUPT_REQUEST, events.get(1).outcome());
            assertEquals(BusEvent.Outcome.CORRUPT_REQUEST, events.get(2).outcome());

            // the whole frame at once is answered
            client.write(request);
            waitFor(events, 4);
            assertEquals(BusEvent.Outcome.ANSWERED, events.get(3).outcome(), events.toString());
        }
    }

    private static void waitFor(List<BusEvent> events, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(events.size() >= count, "expected " + count + " bus events, got " + events);
    }
}
