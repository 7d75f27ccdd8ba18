package dev.vigil.driver.modbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Loads device profiles from a directory on first use, each file once. */
final class ProfileLibrary {

    private final Map<Path, ProfileLoader.Loaded> loaded = new HashMap<>();

    /** The profile {@code name} in {@code dir}, or null if there is no such file. */
    ProfileLoader.Loaded get(Path dir, String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            return null;
        }
        for (String ext : List.of(".yaml", ".yml")) {
            Path file = dir.resolve(name + ext);
            if (Files.isRegularFile(file)) {
                return loaded.computeIfAbsent(file, ProfileLoader::load);
            }
        }
        return null;
    }

    /** Names of the profiles in {@code dir}, for messages. */
    String names(Optional<Path> dir) {
        if (dir.isEmpty()) {
            return "(no profiles directory)";
        }
        try (Stream<Path> files = Files.list(dir.get())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .map(n -> n.replaceFirst("\\.ya?ml$", "")).sorted().toList();
            return names.isEmpty() ? "(none in " + dir.get() + ")" : String.join(", ", names);
        } catch (IOException e) {
            return "(cannot list " + dir.get() + ": " + e.getMessage() + ")";
        }
    }
}
