package dev.vigil.sim.pty;

import java.nio.file.Path;

/** Test helper: point jSerialComm's native library extraction at a writable, exec-allowed dir. */
public final class SerialPorts {
    private SerialPorts() {
    }

    public static void useLibraryDir(Path dir) {
        if (System.getProperty("jSerialComm.library.path") == null) {
            System.setProperty("jSerialComm.library.path", dir.toString());
        }
    }
}
