package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.rules.AlarmKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputActionParsingTest {

    @TempDir
    Path dir;

    private static final String HEAD = """
            gateway: {id: gw-1, site: Lianhua 3}
            uplinks:
              - {id: platform, type: mqtt, url: "tcp://127.0.0.1:1883"}
            outbox: {dir: data}
            buses:
              - id: gpio-1
                driver: gpio
                outputs:
                  siren-1: {pin: 27}
                  beacon-1: {pin: 22}
            sensors:
            """;

    private SiteFileResult parse(String sensors) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, HEAD + sensors);
        return SiteFileParser.parse(file);
    }

    @Test
    void an_action_follows_the_sensors_value_alarms_by_default_and_named_ones_when_asked() throws IOException {
        SiteFileResult r = parse("""
                  - id: smoke-301
                    type: smoke
                    bus: gpio-1
                    address: {pin: 17}
                    place: {building: B3, room: "301"}
                    actions:
                      - {output: siren-1}
                      - {output: beacon-1, on: [smoke, device-fault], silenceOnAck: true}
                """);
        assertTrue(r.isValid(), () -> r.problems().toString());
        List<OutputAction> actions = r.config().orElseThrow().outputActions();
        assertEquals(2, actions.size());
        assertEquals(Set.of(AlarmKey.of("smoke-301", AlarmKind.SMOKE)), actions.get(0).alarms());
        assertEquals(false, actions.get(0).silenceOnAck());
        assertEquals(Set.of(AlarmKey.of("smoke-301", AlarmKind.SMOKE), AlarmKey.of("smoke-301", AlarmKind.DEVICE_FAULT)),
                actions.get(1).alarms());
        assertEquals(true, actions.get(1).silenceOnAck());
        assertEquals(19, actions.get(1).where().line());
    }

    @Test
    void an_unknown_output_or_alarm_name_is_reported_at_its_line() throws IOException {
        SiteFileResult r = parse("""
                  - id: smoke-301
                    type: smoke
                    bus: gpio-1
                    address: {pin: 17}
                    place: {building: B3, room: "301"}
                    actions:
                      - {output: siren-2}
                      - output: siren-1
                        on: smok
                        sound: loud
                """);
        assertEquals(3, r.problems().size(), r.problems().toString());
        assertEquals("site.yaml:18", tail(r.problems().get(0)));
        assertTrue(r.problems().get(0).message().contains("\"siren-2\" is not an output of any bus (did you mean \"siren-1\"?)")
                && r.problems().get(0).message().contains("siren-1, beacon-1"), r.problems().get(0).message());
        assertEquals("site.yaml:20", tail(r.problems().get(1)));
        assertTrue(r.problems().get(1).message().contains("\"smok\" is not an alarm of sensor smoke-301"), r.problems().get(1).message());
        assertTrue(r.problems().get(1).message().contains("smoke, offline, out-of-range, device-fault"), r.problems().get(1).message());
        assertEquals("site.yaml:21", tail(r.problems().get(2)));
        assertTrue(r.problems().get(2).message().contains("unknown key sensors[0].actions[1].sound"), r.problems().get(2).message());
    }

    @Test
    void an_output_id_declared_on_two_buses_is_reported() throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, HEAD.replace("sensors:\n", """
                  - id: gpio-2
                    driver: gpio
                    outputs:
                      siren-1: {pin: 5}
                sensors: []
                """));
        SiteFileResult r = SiteFileParser.parse(file);
        assertTrue(r.problems().stream().anyMatch(p -> p.where().line() == 14
                && p.message().contains("output \"siren-1\" of bus gpio-2 is already declared (line 9)")), r.problems().toString());
    }

    private static String tail(ConfigProblem p) {
        return Path.of(p.where().file()).getFileName() + ":" + p.where().line();
    }
}
