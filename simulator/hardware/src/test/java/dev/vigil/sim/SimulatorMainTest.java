package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void run_prints_the_port_map_and_each_event_then_removes_its_ports() throws Exception {
        Path scenario = Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                buses:
                  - id: rs485-9
                    baud: 19200
                    format: 8E1
                    devices:
                      - {id: rcm-x, type: acrel-aim-r100, address: 5}
                modems:
                  - {id: nb-x}
                gpio:
                  - {pin: 4, id: smoke-x, active: low}
                timeline:
                  - {at: "00:00.200", event: smoke, target: smoke-x}
                  - {at: "00:00.400", event: unplug, target: rs485-9, for: 200ms}
                """);
        Path ports = dir.resolve("ports");
        Path events = dir.resolve("events.jsonl");
        assertEquals(0, run("run", scenario.toString(), "--port-dir", ports.toString(), "--events", events.toString(),
                "--exit-after-timeline"), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Vigil simulator: scenario 'tiny' (seed 1)"), printed);
        assertTrue(printed.contains("  bus rs485-9      port " + ports.resolve("rs485-9") + "  (19200 8E1, /dev/pts/"), printed);
        assertTrue(printed.contains("    slave   5  rcm-x            acrel-aim-r100  loops: 1=mA 2=degC 3=degC 4=degC"), printed);
        assertTrue(printed.contains("  modem nb-x       port " + ports.resolve("nb-x")), printed);
        assertTrue(printed.contains("    GPIO  4  smoke-x          input, active low"), printed);
        assertTrue(printed.contains("[00:00.200] smoke-x: smoke detected (GPIO 4 -> LOW)"), printed);
        assertTrue(printed.contains("[00:00.600] rs485-9: end of bus unplugged"), printed);
        List<String> lines = Files.readAllLines(events);
        assertTrue(lines.get(0).matches("\\{\"at\":\"20\\d\\d-[^\"]+Z\",\"elapsedMs\":200,\"target\":\"smoke-x\",\"kind\":\"smoke\","
                + "\"text\":\"smoke detected \\(GPIO 4 -> LOW\\)\"}"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"target\":\"rs485-9\",\"kind\":\"end:unplug\"")), lines.toString());
        assertFalse(Files.exists(ports.resolve("rs485-9"), LinkOption.NOFOLLOW_LINKS), "symlink removed");
        assertFalse(Files.exists(ports.resolve("gpio.sock"), LinkOption.NOFOLLOW_LINKS), "socket removed");
    }

    @Test
    void check_reports_the_first_problem_with_file_and_line() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "buses:\n  - id: rs485-1\n    baud: 300\n");
        assertEquals(1, run("check", bad.toString()));
        assertEquals(bad + ":3: buses[0].baud: baud 300 is outside 1200..115200", err.toString(StandardCharsets.UTF_8).trim());
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: vigil-sim run SCENARIO"));
    }
}
