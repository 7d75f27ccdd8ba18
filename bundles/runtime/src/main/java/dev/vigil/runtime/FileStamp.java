package dev.vigil.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** What the watcher compares between polls: a change of either means the file was rewritten. */
record FileStamp(boolean exists, long modifiedNanos, long size) {

    static final FileStamp MISSING = new FileStamp(false, 0, 0);

    static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(true, attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size());
        } catch (IOException e) {
            return MISSING;
        }
    }
}
