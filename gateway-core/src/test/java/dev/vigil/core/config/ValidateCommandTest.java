package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Fakes.acceptingDrivers(), Fakes.acceptingUplinks());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void valid_file_prints_ok_with_a_summary_and_exits_0() {
        int code = run("validate", "../config/examples/residential-building.yaml");
        assertEquals(0, code, errLines().toString());
        assertEquals("OK: ../config/examples/residential-building.yaml: gateway gw-futian-lianhua-03, 4 sensors on 2 buses, 1 uplinks\n", out());
        assertEquals(List.of(), errLines());
    }

    @Test
    void the_validate_word_is_optional() {
        assertEquals(0, run("../config/examples/flood-point.yaml"));
        assertTrue(out().startsWith("OK: ../config/examples/flood-point.yaml: gateway gw-baoan-xixiang-underpass, 2 sensors on 1 buses"));
    }

    @Test
    void broken_file_prints_every_problem_with_file_and_line_and_exits_1() {
        int code = run("validate", "../config/examples/broken-site.yaml");
        assertEquals(1, code);
        List<String> lines = errLines();
        assertEquals(13, lines.size(), lines.toString());
        for (String line : lines.subList(0, 12)) {
            assertTrue(line.matches("\\.\\./config/examples/broken-site\\.yaml:\\d+: .+"), line);
        }
        assertEquals("FAILED: ../config/examples/broken-site.yaml: 12 problem(s); fix them and run vigil validate again", lines.get(12));
        assertEquals("", out());
    }

    @Test
    void without_factories_on_the_class_path_missing_drivers_are_problems() {
        int code = ValidateCommand.run(new String[] {"../config/examples/residential-building.yaml"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Map.of());
        assertEquals(1, code);
        List<String> lines = errLines();
        assertTrue(lines.get(0).contains("install the bundle dev.vigil.vigil-uplink-mqtt"), lines.toString());
        assertTrue(lines.get(1).contains("install the bundle dev.vigil.vigil-driver-simulated"), lines.toString());
    }

    @Test
    void the_installer_reference_shows_the_real_output_for_the_broken_example() throws java.io.IOException {
        run("validate", "../config/examples/broken-site.yaml");
        String doc = java.nio.file.Files.readString(Path.of("../docs/site-file.md"));
        for (String line : errLines()) {
            String asRunFromTheRoot = line.replace("../config/examples/", "config/examples/");
            assertTrue(doc.contains(asRunFromTheRoot + "\n"), "docs/site-file.md lacks: " + asRunFromTheRoot);
        }
    }

    @Test
    void usage_errors_exit_2_with_a_message(@TempDir Path dir) {
        assertEquals(2, run());
        assertTrue(errLines().get(0).startsWith("vigil validate: expected exactly one FILE"));
        err.reset();
        assertEquals(2, run("validate", "a.yaml", "b.yaml"));
        err.reset();
        assertEquals(2, run("validate", dir.resolve("nope.yaml").toString()));
        assertEquals(List.of("vigil validate: " + dir.resolve("nope.yaml") + " does not exist"), errLines());
        err.reset();
        assertEquals(2, run("validate", dir.toString()));
        assertEquals(List.of("vigil validate: " + dir + " is not a regular file"), errLines());
    }

    @Test
    void class_path_run_finds_no_factories_in_core_alone() {
        int code = ValidateCommand.run(new String[] {"../config/examples/flood-point.yaml"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(errLines().stream().anyMatch(l -> l.contains("dev.vigil.vigil-driver-simulated")), errLines().toString());
    }
}
