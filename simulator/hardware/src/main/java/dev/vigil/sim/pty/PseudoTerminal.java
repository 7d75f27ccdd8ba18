package dev.vigil.sim.pty;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Linux pseudo-terminal pair created in-process (posix_openpt / grantpt / unlockpt / ptsname),
 * with the slave side in raw mode and published under a stable symlink such as
 * {@code /tmp/vigil-sim/rs485-1}. The gateway opens the symlink like a USB-serial adapter; the
 * simulator reads and writes the master side through this object.
 *
 * <p>The simulator keeps its own descriptor on the slave open for the pair's whole life: without
 * it the master reports hang-up (POLLHUP / EIO) whenever no gateway has the port open, and the
 * kernel would reset the slave's termios between the gateway's opens.
 */
public final class PseudoTerminal implements AutoCloseable {

    private static final LibC C = LibC.INSTANCE;

    private final int masterFd;
    private final int slaveKeepAliveFd;
    private final Path slavePath;
    private final Path link;
    private volatile boolean closed;

    private PseudoTerminal(int masterFd, int slaveKeepAliveFd, Path slavePath, Path link) {
        this.masterFd = masterFd;
        this.slaveKeepAliveFd = slaveKeepAliveFd;
        this.slavePath = slavePath;
        this.link = link;
    }

    /**
     * Opens a new pair and publishes its slave under {@code link} (parent directories are created,
     * a stale symlink left by an earlier run is replaced; a regular file there is an error).
     */
    public static PseudoTerminal open(Path link) throws IOException {
        int master = C.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK);
        if (master < 0) {
            throw failure("posix_openpt(/dev/ptmx)");
        }
        int slave = -1;
        try {
            check(C.grantpt(master), "grantpt");
            check(C.unlockpt(master), "unlockpt");
            byte[] name = new byte[128];
            check(C.ptsname_r(master, name, new NativeLong(name.length)), "ptsname_r");
            Path slavePath = Path.of(cString(name));
            slave = C.open(slavePath.toString(), LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK);
            if (slave < 0) {
                throw failure("open " + slavePath);
            }
            makeRaw(slave, slavePath);
            publish(link, slavePath);
            return new PseudoTerminal(master, slave, slavePath, link);
        } catch (IOException | RuntimeException e) {
            if (slave >= 0) {
                C.close(slave);
            }
            C.close(master);
            throw e;
        }
    }

    /** The kernel's name of the slave side, e.g. /dev/pts/7. */
    public Path slavePath() {
        return slavePath;
    }

    /** The stable path the gateway opens. */
    public Path link() {
        return link;
    }

    /**
     * Waits up to {@code timeoutNanos} for bytes from the gateway and reads what is there.
     *
     * @return the number of bytes read, 0 if none arrived in time
     */
    public int read(byte[] buffer, long timeoutNanos) throws IOException {
        ensureOpen();
        if (!waitReadable(timeoutNanos)) {
            return 0;
        }
        long n = C.read(masterFd, buffer, new NativeLong(buffer.length)).longValue();
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR || errno == LibC.EIO) {
                // EIO: the last gateway descriptor closed mid-read; the keep-alive fd makes it transient
                return 0;
            }
            throw new IOException("read from pty master of " + link + ": " + C.strerror(errno));
        }
        return (int) n;
    }

    /**
     * Writes bytes towards the gateway. Bytes that do not fit in the kernel's pty buffer (nobody is
     * reading) are dropped, as they would be on a wire nobody listens to.
     *
     * @return the number of bytes the kernel accepted
     */
    public int write(byte[] data, int offset, int length) throws IOException {
        ensureOpen();
        byte[] chunk = offset == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, offset, offset + length);
        long n = C.write(masterFd, chunk, new NativeLong(chunk.length)).longValue();
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR || errno == LibC.EIO) {
                return 0;
            }
            throw new IOException("write to pty master of " + link + ": " + C.strerror(errno));
        }
        return (int) n;
    }

    /**
     * Sets the slave's line settings to what the simulated device runs, so a client that never
     * configures the port (a plain file open) matches, and one that configures it wrongly shows.
     */
    public void configureLine(LineSettings line) throws IOException {
        ensureOpen();
        try (Memory termios = new Memory(LibC.TERMIOS_BUFFER_SIZE)) {
            termios.clear();
            check(C.tcgetattr(slaveKeepAliveFd, termios), "tcgetattr " + slavePath);
            int speed = LineSettings.speedCodeOf(line.baud());
            check(C.cfsetispeed(termios, speed), "cfsetispeed " + slavePath);
            check(C.cfsetospeed(termios, speed), "cfsetospeed " + slavePath);
            int cflag = termios.getInt(LibC.C_CFLAG_OFFSET);
            cflag &= ~(LibC.CSIZE | LibC.CSTOPB | LibC.PARENB | LibC.PARODD);
            cflag |= (line.dataBits() == 7 ? LibC.CS7 : LibC.CS8) | LibC.CREAD | LibC.CLOCAL;
            if (line.stopBits() == 2) {
                cflag |= LibC.CSTOPB;
            }
            if (line.parity() != 'N') {
                cflag |= LibC.PARENB | (line.parity() == 'O' ? LibC.PARODD : 0);
            }
            termios.setInt(LibC.C_CFLAG_OFFSET, cflag);
            check(C.tcsetattr(slaveKeepAliveFd, LibC.TCSANOW, termios), "tcsetattr " + slavePath);
        }
    }

    /**
     * The line settings the last program to configure the port (normally the gateway) left on it.
     * Baud rate and stop bits are what the program set; data bits and parity always read 8 and N,
     * because the Linux pty driver forces CS8 and clears PARENB.
     */
    public LineSettings lineSettings() throws IOException {
        ensureOpen();
        try (Memory termios = new Memory(LibC.TERMIOS_BUFFER_SIZE)) {
            termios.clear();
            check(C.tcgetattr(slaveKeepAliveFd, termios), "tcgetattr " + slavePath);
            int cflag = termios.getInt(LibC.C_CFLAG_OFFSET);
            int dataBits = switch (cflag & LibC.CSIZE) {
                case LibC.CS8 -> 8;
                case LibC.CS7 -> 7;
                case 0x10 -> 6;
                default -> 5;
            };
            char parity = (cflag & LibC.PARENB) == 0 ? 'N' : (cflag & LibC.PARODD) != 0 ? 'O' : 'E';
            return new LineSettings(LineSettings.baudOf(C.cfgetospeed(termios)), dataBits, parity, (cflag & LibC.CSTOPB) != 0 ? 2 : 1);
        }
    }

    /** Discards bytes queued in either direction (used when a bus is "unplugged"). */
    public void flush() {
        if (!closed) {
            C.tcflush(masterFd, 2 /* TCIOFLUSH */);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.isSymbolicLink(link) && slavePath.equals(Files.readSymbolicLink(link))) {
                Files.deleteIfExists(link);
            }
        } catch (IOException ignored) {
            // a leftover symlink is replaced by the next run
        }
        C.close(slaveKeepAliveFd);
        C.close(masterFd);
    }

    private boolean waitReadable(long timeoutNanos) throws IOException {
        try (Memory pollfd = new Memory(8)) {
            pollfd.setInt(0, masterFd);
            pollfd.setShort(4, LibC.POLLIN);
            pollfd.setShort(6, (short) 0);
            int millis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
            int r = C.poll(pollfd, new NativeLong(1), millis);
            if (r < 0) {
                int errno = Native.getLastError();
                if (errno == LibC.EINTR) {
                    return false;
                }
                throw new IOException("poll on pty master of " + link + ": " + C.strerror(errno));
            }
            return r > 0 && (pollfd.getShort(6) & LibC.POLLIN) != 0;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("pseudo-terminal " + link + " is closed");
        }
    }

    private static void makeRaw(int fd, Path path) throws IOException {
        try (Memory termios = new Memory(LibC.TERMIOS_BUFFER_SIZE)) {
            termios.clear();
            check(C.tcgetattr(fd, termios), "tcgetattr " + path);
            C.cfmakeraw(termios);
            check(C.tcsetattr(fd, LibC.TCSANOW, termios), "tcsetattr " + path);
        }
    }

    private static void publish(Path link, Path target) throws IOException {
        Path parent = link.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isSymbolicLink(link)) {
                throw new IOException("cannot publish virtual port at " + link
                        + ": a file that is not a symlink is in the way; remove it or choose another port directory");
            }
            Files.delete(link);
        }
        Files.createSymbolicLink(link, target);
    }

    private static void check(int result, String what) throws IOException {
        if (result != 0) {
            throw failure(what);
        }
    }

    private static IOException failure(String what) {
        int errno = Native.getLastError();
        return new IOException(what + " failed: " + C.strerror(errno) + " (errno " + errno + ")");
    }

    private static String cString(byte[] bytes) {
        int len = 0;
        while (len < bytes.length && bytes[len] != 0) {
            len++;
        }
        return new String(bytes, 0, len, StandardCharsets.US_ASCII);
    }
}
