package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installers make every mistake eventually. Thousands of randomly damaged copies of the examples
 * (fixed seed, so a failure reproduces) must each give a result with file:line problems, never an
 * exception.
 */
class MutatedSiteFileTest {

    private static final String[] INSERTS = {":", "- ", "\t", "{", "}", "[", "\"", "'", "&a ", "*a", "!!int ", "#", " ", "\n", "0x", "off",
            "-1", "1e309", "~", "? ", "|", ">"};

    @TempDir
    Path dir;

    @Test
    void damaged_site_files_give_problems_with_lines_and_never_throw() throws IOException {
        Random random = new Random(20261122L);
        List<String> examples = new ArrayList<>();
        for (String name : List.of("residential-building.yaml", "flood-point.yaml", "broken-site.yaml")) {
            examples.add(Files.readString(Path.of("../config/examples", name)));
        }
        examples.add(SiteFileParserTest.VALID);
        Path file = dir.resolve("site.yaml");
        for (int i = 0; i < 600; i++) {
            String text = mutate(examples.get(random.nextInt(examples.size())), random, 1 + random.nextInt(3));
            Files.writeString(file, text);
            SiteFileResult r;
            try {
                r = SiteFileParser.parse(file);
            } catch (RuntimeException e) {
                throw new AssertionError("parse threw on mutation " + i + ":\n" + text, e);
            }
            if (r.isValid()) {
                continue;
            }
            assertFalse(r.problems().isEmpty());
            long lines = text.lines().count() + 1;
            for (ConfigProblem p : r.problems()) {
                if (p.where().line() < 1 || p.where().line() > lines) {
                    fail("problem without a line in the file (" + p + ") on mutation " + i + ":\n" + text);
                }
                assertTrue(p.message().length() > 10, p.toString());
            }
        }
    }

    private static String mutate(String text, Random random, int times) {
        StringBuilder b = new StringBuilder(text);
        for (int t = 0; t < times && b.length() > 0; t++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
                case 2 -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(20));
                    b.delete(at, end);
                }
                default -> {
                    int lineStart = b.lastIndexOf("\n", at) + 1;
                    int lineEnd = b.indexOf("\n", at);
                    if (lineEnd > 0) {
                        b.insert(lineEnd + 1, b.substring(lineStart, lineEnd + 1));
                    }
                }
            }
        }
        return b.toString();
    }
}
