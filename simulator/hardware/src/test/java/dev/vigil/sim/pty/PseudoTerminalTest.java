package dev.vigil.sim.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudoTerminalTest {

    /** Every control character a cooked tty would translate or swallow, plus 8-bit values. */
    private static final byte[] AWKWARD = {0x01, 0x03, 0x04, 0x0A, 0x0D, 0x11, 0x13, 0x1A, 0x7F, (byte) 0x80, (byte) 0xFF, 0x00};

    @TempDir
    static Path nativeDir;

    @BeforeAll
    static void jSerialCommNativeDir() {
        SerialPorts.useLibraryDir(nativeDir);
    }

    @Test
    void jSerialComm_opens_the_symlink_like_a_usb_adapter_and_bytes_pass_both_ways(@TempDir Path dir) throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open(dir.resolve("rs485-1"))) {
            assertTrue(Files.isSymbolicLink(pty.link()));
            assertEquals(pty.slavePath(), Files.readSymbolicLink(pty.link()));

            SerialPort port = SerialPort.getCommPort(pty.link().toString());
            port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000, 0);
            assertTrue(port.openPort(), "jSerialComm could not open " + pty.link() + ": error " + port.getLastErrorCode());
            try {
                assertEquals(AWKWARD.length, port.writeBytes(AWKWARD, AWKWARD.length));
                assertArrayEquals(AWKWARD, readFromMaster(pty, AWKWARD.length));

                assertEquals(AWKWARD.length, pty.write(AWKWARD, 0, AWKWARD.length));
                byte[] got = new byte[AWKWARD.length];
                int n = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (n < got.length && System.nanoTime() < deadline) {
                    byte[] part = new byte[got.length - n];
                    int r = port.readBytes(part, part.length);
                    if (r > 0) {
                        System.arraycopy(part, 0, got, n, r);
                        n += r;
                    }
                }
                assertArrayEquals(AWKWARD, got);
            } finally {
                port.closePort();
            }
        }
    }

    @Test
    void the_slave_is_raw_even_for_a_client_that_sets_no_termios(@TempDir Path dir) throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open(dir.resolve("raw"));
                RandomAccessFile plain = new RandomAccessFile(pty.link().toFile(), "rw")) {
            plain.write(AWKWARD);
            assertArrayEquals(AWKWARD, readFromMaster(pty, AWKWARD.length));
        }
    }

    @Test
    void closing_removes_the_symlink_and_a_stale_one_is_replaced(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("sub/rs485-2");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of("/dev/pts/does-not-exist"));
        PseudoTerminal pty = PseudoTerminal.open(link);
        assertEquals(pty.slavePath(), Files.readSymbolicLink(link));
        pty.close();
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertThrows(IOException.class, () -> pty.read(new byte[1], 0));
    }

    @Test
    void a_regular_file_in_the_way_is_reported_with_its_path(@TempDir Path dir) throws Exception {
        Path link = Files.writeString(dir.resolve("rs485-3"), "not a port");
        IOException e = assertThrows(IOException.class, () -> PseudoTerminal.open(link));
        assertTrue(e.getMessage().contains(link.toString()), e.getMessage());
    }

    @Test
    void read_times_out_with_zero_when_nothing_arrives(@TempDir Path dir) throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open(dir.resolve("quiet"))) {
            long t0 = System.nanoTime();
            assertEquals(0, pty.read(new byte[16], TimeUnit.MILLISECONDS.toNanos(30)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(25));
        }
    }

    static byte[] readFromMaster(PseudoTerminal pty, int expected) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (out.size() < expected && System.nanoTime() < deadline) {
            int n = pty.read(buf, TimeUnit.MILLISECONDS.toNanos(100));
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
