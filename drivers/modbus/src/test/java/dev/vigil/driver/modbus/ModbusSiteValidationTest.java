package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an installer sees from {@code vigil validate} for a modbus-rtu bus: each mistake with its file:line. */
class ModbusSiteValidationTest {

    @TempDir
    Path dir;

    private List<ConfigProblem> problems(String buses, String sensors) throws Exception {
        return Sites.validate(Sites.write(dir, "buses:\n" + buses + "sensors:\n" + sensors));
    }

    private static String bus(String extra) {
        return "  - {id: rs485-1, driver: modbus-rtu, port: /dev/ttyUSB0, profilesDir: " + Sites.PROFILES + extra + "}\n";
    }

    private static String sensor(String id, String type, String address) {
        return "  - {id: " + id + ", type: " + type + ", bus: rs485-1, place: {room: r}, address: " + address + "}\n";
    }

    private static String text(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void a_correct_bus_has_no_problems() throws Exception {
        List<ConfigProblem> p = problems(bus(", baud: 19200, parity: none, timeout: 300ms, retries: 2"),
                sensor("rc-1", "residual-current", "{slave: 3, profile: acrel-aim-r100, point: loop1.current}")
                        + sensor("wl-1", "water-depth", "{slave: 4, profile: ultrasonic-level, point: depth, mountHeightCm: 320}"));
        assertEquals(List.of(), p, text(p));
    }

    @Test
    void each_mistake_names_its_line() throws Exception {
        List<ConfigProblem> p = problems(bus(", baud: 9601"),
                sensor("a", "residual-current", "{slave: 3, profile: acrel-aim-r1000, point: loop1.current}")   // line 10
                        + sensor("b", "residual-current", "{slave: 3, profile: acrel-aim-r100, point: loop13.current}")
                        + sensor("c", "residual-current", "{slave: 248, profile: acrel-aim-r100, point: loop1.current}")
                        + sensor("d", "residual-current", "{slave: 5, profile: acrel-aim-r100, point: loop1.current}")
                        + sensor("e", "residual-current", "{slave: 5, profile: acrel-aim-r100, point: loop1.current}")
                        + sensor("f", "cable-temperature", "{slave: 5, profile: acrel-aim-r100, point: loop2.current}")
                        + sensor("g", "water-depth", "{slave: 6, profile: ultrasonic-level, point: depth}"));
        String all = text(p);
        Path site = dir.resolve("site.yaml");
        assertTrue(all.contains(site + ":8: bus \"rs485-1\" baud 9601 is not a serial speed"), all);
        assertTrue(all.contains(site + ":10: sensor \"a\" address profile \"acrel-aim-r1000\" is not in"), all);
        assertTrue(all.contains(site + ":11: sensor \"b\" address point \"loop13.current\" is not in profile acrel-aim-r100"), all);
        assertTrue(all.contains("(did you mean \"loop1.current\"?); expected one of loop1.current, loop2.current"), all);
        assertTrue(all.contains("loop12.current\n") && !all.contains("loop1.temperature"), "only residual-current points: " + all);
        assertTrue(all.contains(site + ":12: sensor \"c\" address slave 248 is outside 1..247"), all);
        assertTrue(all.contains(site + ":14: sensor \"e\" reads slave 5 point loop1.current, which sensor \"d\" (" + site + ":13)"), all);
        assertTrue(all.contains(site + ":15: sensor \"f\" address point \"loop2.current\" measures residual-current but the sensor is a cable-temperature"), all);
        assertTrue(all.contains(site + ":16: sensor \"g\" address needs mountHeightCm"), all);
        assertEquals(7, p.size(), all);
    }

    @Test
    void bus_options_are_checked() throws Exception {
        List<ConfigProblem> p = problems("  - {id: rs485-1, driver: modbus-rtu, parity: mark, timeout: 5s, retries: 9, speed: 9600,"
                + " profilesDir: " + Sites.PROFILES + "}\n", "");
        String all = text(p);
        assertTrue(all.contains("has no port"), all);
        assertTrue(all.contains("parity \"mark\" is unknown"), all);
        assertTrue(all.contains("timeout \"5s\" must be a duration from 10ms to 2s"), all);
        assertTrue(all.contains("retries \"9\" must be a whole number in 0..5"), all);
        assertTrue(all.contains("option \"speed\" is not a modbus-rtu option"), all);
    }

    @Test
    void a_broken_profile_is_reported_with_the_profile_file_and_line() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("meter.yaml"), """
                description: a meter
                points:
                  energy: {register: 0x0100, type: u64, unit: kWh}
                  power:  {register: 0x0102, type: float32, wordOrder: middle, unit: kW}
                  level:  {register: 0x0200, quantity: water-depth, unit: m}
                """);
        List<ConfigProblem> p = problems("  - {id: rs485-1, driver: modbus-rtu, port: /dev/ttyUSB0, profilesDir: profiles}\n",
                sensor("m", "water-depth", "{slave: 1, profile: meter, point: level}"));
        String all = text(p);
        Path file = profiles.resolve("meter.yaml");
        assertTrue(all.contains(file + ":3: point energy type \"u64\" is unknown; expected one of u16, s16, u32, s32, float32"), all);
        assertTrue(all.contains(file + ":4: point power wordOrder \"middle\" is unknown"), all);
        assertTrue(all.contains(file + ":5: point level unit \"m\" differs from water-depth's unit \"cm\""), all);
        assertTrue(all.contains(dir.resolve("site.yaml") + ":10: sensor \"m\" address profile \"meter\" has errors"), all);
    }

    @Test
    void the_shipped_profiles_load_cleanly() throws Exception {
        try (var files = Files.list(Sites.PROFILES)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertEquals(4, all.size(), all.toString());
            for (Path f : all) {
                ProfileLoader.Loaded loaded = ProfileLoader.load(f);
                assertEquals(List.of(), loaded.problems(), f.toString());
            }
        }
    }
}
