package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Severity;
import dev.vigil.core.rules.FaultRules;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.rules.LevelRule.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteFileParserTest {

    /** A small valid site; the line numbers of the tests below refer to it. */
    static final String VALID = """
            gateway:
              id: gw-1
              site: Test Site
            uplinks:
              - id: platform
                type: mqtt
                url: ssl://broker.example:8883
            outbox:
              dir: data/outbox
            buses:
              - id: rs485-1
                driver: simulated
                port: /dev/ttyUSB0
            sensors:
              - id: rc-1
                type: residual-current
                bus: rs485-1
                address: {unit: 3, register: 0x004A}
                place: {building: B3, floor: 3F, room: "301"}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private SiteConfig valid(String yaml) throws IOException {
        SiteFileResult r = SiteFileParser.parse(write(yaml));
        assertEquals(List.of(), r.problems(), "expected a valid file");
        return r.config().orElseThrow();
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        SiteFileResult r = SiteFileParser.parse(write(yaml));
        assertFalse(r.isValid(), "expected problems");
        assertTrue(r.config().isEmpty(), "an invalid file must not yield a config");
        return r.problems();
    }

    /** The only problem of the file, checked for its line and message. */
    private void assertOnlyProblem(String yaml, int line, String message) throws IOException {
        List<ConfigProblem> p = problems(yaml);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        assertEquals(line, p.get(0).where().line(), () -> "line of " + p.get(0));
        assertEquals(message, p.get(0).message());
        assertTrue(p.get(0).toString().startsWith(dir.resolve("site.yaml") + ":" + line + ": "), p.get(0).toString());
    }

    private static String withSensorExtra(String extra) {
        return VALID + extra.stripIndent().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void valid_file_gets_the_type_defaults_for_everything_it_leaves_out() throws IOException {
        SiteConfig c = valid(VALID);
        assertEquals("gw-1", c.gatewayId());
        assertEquals("Test Site", c.site());
        assertEquals(new TelemetryConfig(200, Duration.ofSeconds(10)), c.telemetry());
        assertEquals(64L << 20, c.outbox().telemetryMaxBytes());
        assertEquals(8L << 20, c.outbox().segmentMaxBytes());

        SensorConfig rc = c.sensor("rc-1").orElseThrow();
        assertEquals(Quantity.RESIDUAL_CURRENT, rc.quantity());
        assertEquals(new Place("Test Site", "B3", "3F", "301"), rc.place());
        assertEquals(Duration.ofSeconds(10), rc.expectedInterval());
        assertEquals(List.of(
                new LevelRule("warning", Severity.WARNING, Direction.ABOVE, 300, 270, Duration.ofSeconds(5), Duration.ofSeconds(5), false),
                new LevelRule("alarm", Severity.ALARM, Direction.ABOVE, 500, 450, Duration.ofSeconds(5), Duration.ofSeconds(5), true)),
                rc.rules().levels());
        assertEquals(new FaultRules(Duration.ofSeconds(30), null, 0.0, 1000.0, true, Severity.WARNING), rc.rules().faults());
        assertNull(rc.rules().smoke());
    }

    @Test
    void offline_default_is_three_expected_intervals() throws IOException {
        SiteConfig c = valid(withSensorExtra("expectedInterval: 2s"));
        assertEquals(Duration.ofSeconds(6), c.sensors().get(0).rules().faults().offlineAfter());
    }

    @Test
    void relative_outbox_dir_resolves_against_the_site_files_directory() throws IOException {
        SiteConfig c = valid(VALID);
        assertEquals(dir.toAbsolutePath().resolve("data/outbox").normalize(), c.outbox().directory());

        SiteConfig absolute = valid(VALID.replace("dir: data/outbox", "dir: /var/lib/vigil/outbox"));
        assertEquals(Path.of("/var/lib/vigil/outbox"), absolute.outbox().directory());
    }

    @Test
    void driver_options_and_address_keep_their_values_and_lines() throws IOException {
        SiteConfig c = valid(VALID.replace("    port: /dev/ttyUSB0\n", "    port: /dev/ttyUSB0\n    passwordFile: secrets/pw\n"));
        Options bus = c.buses().get(0).options();
        assertEquals("/dev/ttyUSB0", bus.get("port"));
        assertEquals(13, bus.lineOf("port").line());
        assertEquals(dir.toAbsolutePath().resolve("secrets/pw"), bus.path("passwordFile").orElseThrow());
        Options address = c.sensors().get(0).address();
        assertEquals(74, address.get("register"), "0x004A is read as YAML reads it");
        assertEquals(19, address.lineOf("register").line());
        assertEquals(11, c.buses().get(0).where().line());
        assertEquals(5, c.uplinks().get(0).where().line());
        assertEquals(16, c.sensors().get(0).where().line());
    }

    @Test
    void yaml_syntax_error_names_its_line() throws IOException {
        List<ConfigProblem> p = problems(VALID.replace("  site: Test Site", "  site: Test: Site"));
        assertEquals(1, p.size(), p.toString());
        assertEquals(3, p.get(0).where().line());
        assertTrue(p.get(0).message().startsWith("YAML syntax error: mapping values are not allowed here"), p.get(0).message());
    }

    @Test
    void tab_indentation_is_explained() throws IOException {
        List<ConfigProblem> p = problems(VALID.replace("  site: Test Site", "\tsite: Test Site"));
        assertEquals(3, p.get(0).where().line());
        assertTrue(p.get(0).message().contains("spaces, not tabs"), p.get(0).message());
    }

    @Test
    void missing_required_key_names_the_block_and_what_is_expected() throws IOException {
        assertOnlyProblem(VALID.replace("    bus: rs485-1\n", ""), 15,
                "sensors[0]: required key \"bus\" is missing; expected the id of one of the buses (rs485-1)");
        assertOnlyProblem(VALID.replace("outbox:\n  dir: data/outbox\n", ""), 1,
                "required key \"outbox\" is missing; expected outbox: {dir: /var/lib/vigil/outbox}, the directory where alarms and"
                        + " telemetry are kept on disk");
    }

    @Test
    void unknown_key_lists_the_allowed_keys_and_the_near_miss() throws IOException {
        assertOnlyProblem(VALID.replace("    place:", "    expectedIntervall: 5s\n    place:"), 19,
                "unknown key sensors[0].expectedIntervall (did you mean \"expectedInterval\"?); allowed keys in sensors[0]:"
                        + " id, type, bus, address, place, expectedInterval, rules, actions");
        assertOnlyProblem(VALID + "telemetery:\n  batchMaxReadings: 100\n", 20,
                "unknown key telemetery (did you mean \"telemetry\"?); allowed keys at the top level:"
                        + " gateway, uplinks, outbox, telemetry, buses, sensors");
    }

    @Test
    void wrong_types_say_what_was_found_and_what_is_expected() throws IOException {
        assertOnlyProblem(withSensorExtra("""
                rules:
                  levels:
                    - {name: warning, raiseAt: high}
                """), 22,
                "sensors[0].rules.levels[0].raiseAt \"high\" is not a number; expected a number in mA at which the level is raised");
        assertOnlyProblem(withSensorExtra("""
                rules:
                  smoke: {latching: maybe}
                """).replace("residual-current", "smoke"), 21,
                "sensors[0].rules.smoke.latching \"maybe\" is not true or false; expected true or false");
        assertOnlyProblem(VALID.replace("sensors:\n", "sensors:\n  - just a sensor name\n"), 15,
                "sensors[0] must be a mapping of keys (id, type, bus, address, place, expectedInterval, rules, actions), found the text \"just a sensor name\"");
    }

    @Test
    void bad_durations_are_refused_with_the_accepted_forms() throws IOException {
        assertOnlyProblem(withSensorExtra("expectedInterval: 5 sec"), 20,
                "sensors[0].expectedInterval \"5 sec\" is not a duration; expected a whole number with a unit: ms, s, m or h"
                        + " (e.g. 500ms, 5s, 2m, 1h)");
        assertOnlyProblem(withSensorExtra("expectedInterval: 10"), 20,
                "sensors[0].expectedInterval 10 is not a duration; expected a whole number with a unit: ms, s, m or h"
                        + " (e.g. 500ms, 5s, 2m, 1h)");
        SiteConfig c = valid(withSensorExtra("expectedInterval: 500ms\nrules:\n  faults: {offlineAfter: 2m, stuckAfter: 1h}"));
        assertEquals(Duration.ofMillis(500), c.sensors().get(0).expectedInterval());
        assertEquals(Duration.ofMinutes(2), c.sensors().get(0).rules().faults().offlineAfter());
        assertEquals(Duration.ofHours(1), c.sensors().get(0).rules().faults().stuckAfter());
    }

    @Test
    void bad_sizes_are_refused_and_binary_sizes_accepted() throws IOException {
        assertOnlyProblem(VALID.replace("  dir: data/outbox\n", "  dir: data/outbox\n  telemetryMaxBytes: 64MB\n"), 10,
                "outbox.telemetryMaxBytes \"64MB\" uses a decimal unit; expected a binary unit, e.g. 64MiB (B, KiB, MiB or GiB)");
        assertOnlyProblem(VALID.replace("  dir: data/outbox\n", "  dir: data/outbox\n  segmentMaxBytes: lots\n"), 10,
                "outbox.segmentMaxBytes \"lots\" is not a size; expected a whole number with a binary unit: B, KiB, MiB or GiB"
                        + " (e.g. 512KiB, 64MiB)");
        SiteConfig c = valid(VALID.replace("  dir: data/outbox\n", "  dir: data/outbox\n  telemetryMaxBytes: 32MiB\n  segmentMaxBytes: 512KiB\n"));
        assertEquals(32L << 20, c.outbox().telemetryMaxBytes());
        assertEquals(512L << 10, c.outbox().segmentMaxBytes());
    }

    @Test
    void segment_larger_than_the_telemetry_bound_is_refused() throws IOException {
        assertOnlyProblem(VALID.replace("  dir: data/outbox\n", "  dir: data/outbox\n  telemetryMaxBytes: 4MiB\n"), 10,
                "outbox.segmentMaxBytes 8MiB is larger than telemetryMaxBytes 4MiB; expected segmentMaxBytes <= telemetryMaxBytes,"
                        + " because telemetry is evicted a segment at a time");
    }

    @Test
    void duplicate_ids_name_the_first_use() throws IOException {
        String twoSensors = VALID + """
                  - id: rc-1
                    type: residual-current
                    bus: rs485-1
                    place: {room: "302"}
                """;
        assertOnlyProblem(twoSensors, 20, "sensors[1].id \"rc-1\" is already used by another sensor (line 15); expected sensor ids to be unique");

        String twoBuses = VALID.replace("sensors:\n", "  - id: rs485-1\n    driver: simulated\nsensors:\n");
        assertOnlyProblem(twoBuses, 14, "buses[1].id \"rs485-1\" is already used by another bus (line 11); expected bus ids to be unique");

        String twoUplinks = VALID.replace("outbox:\n", "  - id: platform\n    type: mqtt\noutbox:\n");
        assertOnlyProblem(twoUplinks, 8, "uplinks[1].id \"platform\" is already used by another uplink (line 5); expected uplink ids to be unique");
    }

    @Test
    void sensor_on_an_unknown_bus_lists_the_buses() throws IOException {
        assertOnlyProblem(VALID.replace("    bus: rs485-1", "    bus: rs485-2"), 17,
                "sensors[0].bus \"rs485-2\" is not a bus of this file (did you mean \"rs485-1\"?); expected one of the buses: rs485-1");
    }

    @Test
    void unknown_sensor_type_lists_the_types() throws IOException {
        assertOnlyProblem(VALID.replace("type: residual-current", "type: residual"), 16,
                "sensors[0].type \"residual\" is not a sensor type (did you mean \"residual-current\"?); expected one of"
                        + " smoke, residual-current, cable-temperature, phase-current, water-depth, digital-input");
    }

    @Test
    void clear_above_raise_is_impossible_for_an_above_level() throws IOException {
        assertOnlyProblem(withSensorExtra("""
                rules:
                  levels:
                    - {name: warning, raiseAt: 300}
                    - name: alarm
                      raiseAt: 500
                      clearAt: 520
                """), 25,
                "sensors[0].rules.levels[1].clearAt 520 is above raiseAt 500; for an ABOVE level clearAt must be <= raiseAt");
        assertOnlyProblem(withSensorExtra("""
                rules:
                  levels:
                    - {name: low, severity: WARNING, direction: BELOW, raiseAt: 5, clearAt: 4}
                """), 22,
                "sensors[0].rules.levels[0].clearAt 4 is below raiseAt 5; for a BELOW level clearAt must be >= raiseAt");
    }

    @Test
    void levels_of_one_sensor_need_distinct_names() throws IOException {
        assertOnlyProblem(withSensorExtra("""
                rules:
                  levels:
                    - {name: warning, raiseAt: 300}
                    - {name: warning, raiseAt: 400}
                """), 23,
                "sensors[0].rules.levels[1].name \"warning\" is already used by another level of this sensor (line 22);"
                        + " each level of a sensor needs its own name");
    }

    @Test
    void physical_range_must_be_a_range() throws IOException {
        assertOnlyProblem(withSensorExtra("""
                rules:
                  faults:
                    physicalMin: 1000
                    physicalMax: 0
                """), 22,
                "sensors[0].rules.faults.physicalMin 1000 is not below physicalMax 0; expected physicalMin < physicalMax"
                        + " (the range the sensor can really measure)");
    }

    @Test
    void a_level_beyond_the_physical_range_could_never_be_raised() throws IOException {
        List<ConfigProblem> p = problems(withSensorExtra("""
                rules:
                  levels:
                    - {name: alarm, raiseAt: 5000}
                """));
        assertEquals(1, p.size(), p.toString());
        assertEquals(22, p.get(0).where().line());
        assertTrue(p.get(0).message().contains("raiseAt 5000 is above physicalMax 1000, so it can never be raised"), p.get(0).message());
    }

    @Test
    void a_written_level_inherits_from_the_default_level_of_the_same_name() throws IOException {
        SiteConfig c = valid(withSensorExtra("""
                rules:
                  levels:
                    - {name: warning, raiseAt: 350}
                    - {name: alarm, raiseAt: 450, clearAt: 400, latching: false}
                    - {name: trend, severity: INFO, raiseAt: 200}
                """));
        List<LevelRule> levels = c.sensors().get(0).rules().levels();
        assertEquals(new LevelRule("warning", Severity.WARNING, Direction.ABOVE, 350, 320, Duration.ofSeconds(5), Duration.ofSeconds(5), false),
                levels.get(0));
        assertEquals(new LevelRule("alarm", Severity.ALARM, Direction.ABOVE, 450, 400, Duration.ofSeconds(5), Duration.ofSeconds(5), false),
                levels.get(1));
        assertEquals(new LevelRule("trend", Severity.INFO, Direction.ABOVE, 200, 170, Duration.ofSeconds(5), Duration.ofSeconds(5), false),
                levels.get(2));
    }

    @Test
    void a_new_level_needs_a_severity() throws IOException {
        assertOnlyProblem(withSensorExtra("""
                rules:
                  levels:
                    - {name: trend, raiseAt: 200}
                """), 22,
                "sensors[0].rules.levels[0]: required key \"severity\" is missing; expected one of INFO, WARNING, ALARM, CRITICAL"
                        + " (only the default levels warning, alarm have a default severity)");
    }

    @Test
    void off_switches_a_check_off() throws IOException {
        SiteConfig c = valid(withSensorExtra("""
                rules:
                  faults: {offlineAfter: off, physicalMax: off}
                """).replace("residual-current", "cable-temperature"));
        FaultRules f = c.sensors().get(0).rules().faults();
        assertNull(f.offlineAfter());
        assertNull(f.physicalMax());
        assertEquals(-40.0, f.physicalMin());
        SiteConfig noRate = valid(withSensorExtra("rules: {rateOfRise: off}").replace("residual-current", "cable-temperature"));
        assertNull(noRate.sensors().get(0).rules().rateOfRise());
    }

    @Test
    void offline_timeout_must_exceed_the_expected_interval() throws IOException {
        assertOnlyProblem(withSensorExtra("""
                expectedInterval: 10s
                rules:
                  faults: {offlineAfter: 10s}
                """), 22,
                "sensors[0].rules.faults.offlineAfter 10s is not longer than expectedInterval 10s; the sensor would count as offline"
                        + " between two readings; expected at least 2 x expectedInterval (default 3 x)");
    }

    @Test
    void smoke_debounce_must_leave_time_for_the_ten_second_budget() throws IOException {
        assertOnlyProblem(withSensorExtra("rules:\n  smoke: {debounce: 10s}").replace("residual-current", "smoke"), 21,
                "sensors[0].rules.smoke.debounce 10s leaves no time to report a fire alarm within 10s (GB 26875.1-2011 4.1.2.1);"
                        + " expected a debounce well below 10s, e.g. 2s");
    }

    @Test
    void smoke_sensor_gets_latching_critical_smoke_rule_and_no_levels() throws IOException {
        SiteConfig c = valid(VALID.replace("residual-current", "smoke"));
        SensorConfig s = c.sensors().get(0);
        assertEquals(Quantity.SMOKE, s.quantity());
        assertEquals(List.of(), s.rules().levels());
        assertEquals(Duration.ofSeconds(2), s.rules().smoke().debounce());
        assertEquals(Severity.CRITICAL, s.rules().smoke().severity());
        assertTrue(s.rules().smoke().latching());
    }

    @Test
    void rules_that_do_not_fit_the_type_are_refused() throws IOException {
        assertOnlyProblem(withSensorExtra("rules:\n  smoke: {debounce: 2s}"), 21,
                "sensors[0].rules.smoke: a residual-current sensor is not a smoke detector; smoke applies only to type smoke");
    }

    @Test
    void key_written_twice_names_both_lines() throws IOException {
        assertOnlyProblem(VALID.replace("  site: Test Site\n", "  site: Test Site\n  id: gw-2\n"), 4,
                "gateway.id is written twice (first at line 2); write each key once");
    }

    @Test
    void inline_secret_is_refused() throws IOException {
        assertOnlyProblem(VALID.replace("    url: ssl://broker.example:8883\n", "    url: ssl://broker.example:8883\n    password: hunter2\n"), 8,
                "uplinks[0].password: a secret must not be written in the site file (site files get copied, mailed and committed);"
                        + " expected passwordFile: <path of a file only the vigil user can read>");
    }

    @Test
    void ids_must_be_usable_in_topics() throws IOException {
        assertOnlyProblem(VALID.replace("id: gw-1", "id: gw/1"), 2,
                "gateway.id \"gw/1\" is not a valid id; expected 1 to 64 letters, digits, '.', '_' or '-' (ids are used in MQTT topics"
                        + " and alarm ids, so no spaces, '/', '+' or '#')");
    }

    @Test
    void empty_and_non_mapping_files_are_explained() throws IOException {
        assertOnlyProblem("", 1, "the file is empty; expected a site file with the keys gateway, uplinks, outbox, telemetry, buses,"
                + " sensors (see docs/site-file.md)");
        assertOnlyProblem("- a\n- b\n", 1, "the file must be a mapping of keys (gateway, uplinks, outbox, telemetry, buses, sensors),"
                + " found a list");
    }

    @Test
    void a_file_that_is_not_utf8_is_named_as_such() throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.write(file, new byte[] {'g', 'a', 't', 'e', (byte) 0xC3, (byte) 0x28, ':', '\n'});
        SiteFileResult r = SiteFileParser.parse(file);
        assertTrue(r.problems().get(0).message().startsWith("cannot read the file: it is not UTF-8 text"), r.problems().toString());
    }

    @Test
    void unreadable_file_is_a_problem_not_an_exception() {
        SiteFileResult r = SiteFileParser.parse(dir.resolve("missing.yaml"));
        assertFalse(r.isValid());
        assertTrue(r.problems().get(0).message().startsWith("cannot read the site file"), r.problems().toString());
    }

    @Test
    void similar_sensors_can_share_a_block_with_a_merge_key() throws IOException {
        SiteConfig c = valid(VALID.replace("sensors:\n", """
                x-board: &board
                  type: residual-current
                  bus: rs485-1
                  place: {building: B3, floor: 3F, room: board}
                  rules: {levels: [{name: alarm, raiseAt: 400}]}
                sensors:
                  - <<: *board
                    id: rc-2
                    place: {room: "302"}
                """));
        SensorConfig shared = c.sensor("rc-2").orElseThrow();
        assertEquals("302", shared.place().room());
        assertEquals(400, shared.rules().levels().get(0).raiseAt());
        assertEquals(Severity.ALARM, shared.rules().levels().get(0).severity());
        assertEquals(2, c.sensors().size());
    }

    @Test
    void a_mistake_in_a_shared_block_points_at_the_block() throws IOException {
        assertOnlyProblem(VALID.replace("sensors:\n", """
                x-board: &board
                  type: residual-current
                  bus: rs485-1
                  expectedInterval: 5 sec
                sensors:
                  - <<: *board
                    id: rc-2
                    place: {room: "302"}
                """), 17,
                "sensors[0].expectedInterval \"5 sec\" is not a duration; expected a whole number with a unit: ms, s, m or h"
                        + " (e.g. 500ms, 5s, 2m, 1h)");
    }

    @Test
    void self_referring_and_exploding_anchors_are_problems_not_crashes() throws IOException {
        SiteFileResult recursive = SiteFileParser.parse(write(VALID.replace("address: {unit: 3, register: 0x004A}", "address: &a {unit: 3, loop: *a}")));
        recursive.problems().forEach(p -> assertTrue(p.where().line() > 0, p.toString()));

        StringBuilder laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev).append(", *").append(prev).append("]\n");
        }
        List<ConfigProblem> p = problems(laughs.toString());
        assertEquals("cannot read the file as YAML: Number of aliases for non-scalar nodes exceeds the specified max=50; expected at"
                + " most 50 aliases (*name) of lists or mappings, a limit that protects the gateway from alias bombs", p.get(0).message());
    }

    @Test
    void broken_example_reports_all_its_problems_at_once() {
        SiteFileResult r = SiteFileParser.parse(Path.of("../config/examples/broken-site.yaml"));
        List<Integer> lines = r.problems().stream().map(p -> p.where().line()).toList();
        assertEquals(List.of(3, 10, 14, 19, 28, 31, 32, 34, 35, 44, 44, 45), lines, r.problems().toString());
        assertTrue(r.problems().get(0).toString().startsWith("../config/examples/broken-site.yaml:3: gateway.id"));
    }

    @Test
    void valid_examples_parse_and_pass_with_their_factories_installed() {
        for (String name : List.of("residential-building.yaml", "flood-point.yaml")) {
            SiteFileResult r = SiteValidator.check(Path.of("../config/examples", name), Fakes.acceptingDrivers(), Fakes.acceptingUplinks());
            assertEquals(List.of(), r.problems(), name);
        }
    }

    @Test
    void flood_example_has_the_depth_grades_and_its_own_lane_limit() {
        SiteConfig c = SiteFileParser.parse(Path.of("../config/examples/flood-point.yaml")).config().orElseThrow();
        SensorConfig wl = c.sensor("wl-underpass-north").orElseThrow();
        assertEquals(List.of("light", "moderate", "lane-limit", "severe"), wl.rules().levels().stream().map(LevelRule::name).toList());
        assertEquals(Severity.CRITICAL, wl.rules().levels().get(3).severity());
        assertEquals("Xixiang Rd underpass, north lane", wl.place().room());
        assertEquals(Path.of("../config/examples/data/outbox").toAbsolutePath().normalize(), c.outbox().directory());
    }
}
