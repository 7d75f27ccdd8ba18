package dev.vigil.core.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbox directory: names of segment files ({@code outbox-000001.db}), the files MapDB keeps
 * beside them (write-ahead logs named after the segment), the lock that keeps a second process out,
 * and the file operations whose order matters for crash safety.
 */
final class SegmentDirectory implements AutoCloseable {

    static final String LOCK_FILE = "outbox.lock";
    static final String NEW_SUFFIX = ".new";
    static final String CORRUPT_SUFFIX = ".corrupt";
    private static final Pattern SEGMENT = Pattern.compile("outbox-(\\d{6})\\.db");

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SegmentDirectory(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed and takes its lock, so only one outbox uses it. */
    static SegmentDirectory lock(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OutboxException("outbox directory " + directory + " is in use by another process (lock "
                        + lockFile + " is held)");
            }
            return new SegmentDirectory(directory, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new OutboxException("outbox directory " + directory + " is already open in this process (lock "
                    + lockFile + " is held)");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new OutboxException("cannot use outbox directory " + directory + ": " + e, e);
        } catch (OutboxException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path directory() {
        return directory;
    }

    Path segmentFile(int id) {
        return directory.resolve(String.format("outbox-%06d.db", id));
    }

    Path newSegmentFile(int id) {
        return directory.resolve(segmentFile(id).getFileName() + NEW_SUFFIX);
    }

    /** Ids of the segment files present, ascending. */
    TreeSet<Integer> segmentIds() {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Path p : list()) {
            Matcher m = SEGMENT.matcher(p.getFileName().toString());
            if (m.matches()) {
                ids.add(Integer.parseInt(m.group(1)));
            }
        }
        return ids;
    }

    /** Removes half-created segments ({@code *.new}) left by a crash while rolling; they never held entries. */
    List<Path> deleteUnfinishedSegments() {
        List<Path> deleted = new ArrayList<>();
        for (Path p : list()) {
            String name = p.getFileName().toString();
            if (name.startsWith("outbox-") && name.contains(".db" + NEW_SUFFIX)) {
                deleteIfExists(p);
                deleted.add(p);
            }
        }
        return deleted;
    }

    /** The segment file and the files MapDB keeps beside it (its name followed by a suffix). */
    List<Path> filesOf(Path segmentFile) {
        String name = segmentFile.getFileName().toString();
        List<Path> files = new ArrayList<>();
        for (Path p : list()) {
            String n = p.getFileName().toString();
            if (n.equals(name) || (n.startsWith(name + ".") && !n.endsWith(CORRUPT_SUFFIX))) {
                files.add(p);
            }
        }
        return files;
    }

    long bytesOf(Path segmentFile) {
        long total = 0;
        for (Path p : filesOf(segmentFile)) {
            try {
                total += Files.size(p);
            } catch (NoSuchFileException e) {
                // a write-ahead log MapDB removed meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    /** Renames the segment and its side files to {@code *.corrupt}; returns the new name of the segment file. */
    Path moveAside(Path segmentFile) {
        Path target = segmentFile.resolveSibling(segmentFile.getFileName() + CORRUPT_SUFFIX);
        for (Path p : filesOf(segmentFile)) {
            move(p, p.resolveSibling(p.getFileName() + CORRUPT_SUFFIX));
        }
        syncDirectory();
        return target;
    }

    void delete(Path segmentFile) {
        for (Path p : filesOf(segmentFile)) {
            deleteIfExists(p);
        }
        syncDirectory();
    }

    /** Atomically gives a fully written new segment its final name. */
    void publish(Path newFile, Path finalFile) {
        move(newFile, finalFile);
        syncDirectory();
    }

    private void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OutboxException("cannot rename " + from + " to " + to + ": " + e, e);
        }
    }

    private void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new OutboxException("cannot delete outbox file " + p + ": " + e, e);
        }
    }

    /** Makes renames and deletions durable (a directory fsync; ignored where the platform cannot do it). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on every platform; the rename itself is still atomic
        }
    }

    private List<Path> list() {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(paths::add);
        } catch (IOException e) {
            throw new OutboxException("cannot list outbox directory " + directory + ": " + e, e);
        }
        return paths;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it as well
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
