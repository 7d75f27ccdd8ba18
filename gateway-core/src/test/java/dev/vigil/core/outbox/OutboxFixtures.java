package dev.vigil.core.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.vigil.core.config.OutboxConfig;

/** Small helpers shared by the outbox tests. */
final class OutboxFixtures {

    static final long MIB = 1L << 20;

    private OutboxFixtures() {
    }

    static OutboxConfig config(Path dir, long telemetryMaxBytes) {
        return new OutboxConfig(dir, telemetryMaxBytes, MapDbOutbox.MIN_SEGMENT_BYTES);
    }

    static byte[] payload(String prefix, long seq, int size) {
        byte[] head = (prefix + "-" + seq + ":").getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[Math.max(size, head.length)];
        System.arraycopy(head, 0, p, 0, head.length);
        for (int i = head.length; i < p.length; i++) {
            p[i] = (byte) ('a' + (seq + i) % 26);
        }
        return p;
    }

    static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static List<Long> sequences(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::sequence).toList();
    }

    /** Bytes of every file in the directory, as {@code du} would count them (apparent size). */
    static long directoryBytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fileNames(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
