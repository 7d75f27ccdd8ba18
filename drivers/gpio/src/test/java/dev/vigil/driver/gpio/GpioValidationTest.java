package dev.vigil.driver.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SiteFileResult;
import dev.vigil.core.config.SiteValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code vigil validate} tells an installer about a gpio bus, each problem at its line. */
class GpioValidationTest {

    @TempDir
    Path dir;

    private List<String> problems(String bus, String sensors) {
        Path file = SiteFiles.write(dir, bus, sensors);
        SiteFileResult r = SiteValidator.check(file, Map.of("gpio", new GpioDriverFactory()),
                Map.of("dead", DeadUplink.factory(new DeadUplink())));
        return r.problems().stream().map(GpioValidationTest::shown).toList();
    }

    private static String shown(ConfigProblem p) {
        return "line " + p.where().line() + ": " + p.message();
    }

    private static void assertHas(List<String> problems, String line, String... parts) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(line + ": ") && List.of(parts).stream().allMatch(p::contains)),
                () -> "expected a problem at " + line + " containing " + List.of(parts) + " in\n" + String.join("\n", problems));
    }

    @Test
    void a_pin_used_by_an_input_and_an_output_or_by_two_inputs_is_reported_naming_both_lines() {
        List<String> p = problems("""
                    provider: vigil-sim
                    outputs:
                      siren-1: {pin: 17}
                """, """
                  - id: smoke-301
                    type: smoke
                    bus: gpio-1
                    address:
                      pin: 17
                      supervision: {pin: 18}
                    place: {room: "301"}
                  - id: smoke-302
                    type: smoke
                    bus: gpio-1
                    address: {pin: 18}
                    place: {room: "302"}
                """);
        assertHas(p, "line 10", "output siren-1 of bus gpio-1: GPIO 17 is already used by sensor smoke-301 (line 16)");
        assertHas(p, "line 22", "sensor smoke-302: GPIO 18 is already used by sensor smoke-301 supervision (line 17)");
        assertEquals(2, p.size(), () -> String.join("\n", p));
    }

    @Test
    void wrong_values_name_the_key_and_what_is_expected() {
        List<String> p = problems("""
                    provider: pigpio
                    outputs:
                      siren-1: {pin: 40, activeLevel: on}
                    speed: fast
                """, """
                  - id: smoke-301
                    type: smoke
                    bus: gpio-1
                    address:
                      pin: 1
                      activeLevel: lo
                      pull: sideways
                      debounce: 50
                    place: {room: "301"}
                  - id: smoke-302
                    type: smoke
                    bus: gpio-1
                    address: {pin: "GPIO17"}
                    place: {room: "302"}
                  - id: rc-1
                    type: residual-current
                    bus: gpio-1
                    address: {pin: 5}
                    place: {room: board}
                """);
        assertHas(p, "line 8", "provider \"pigpio\" is not a GPIO provider", "gpiod, linuxfs, vigil-sim");
        assertHas(p, "line 10", "output siren-1", "pin 40 is not usable; expected BCM 2 to 27");
        assertHas(p, "line 11", "unknown key speed", "provider, outputs");
        assertHas(p, "line 17", "sensor smoke-301: pin 1 is not usable", "HAT ID EEPROM");
        assertHas(p, "line 18", "activeLevel \"lo\" is not a level; expected high or low");
        assertHas(p, "line 19", "pull \"sideways\"", "expected up, down or off");
        assertHas(p, "line 20", "debounce 50 is not a debounce time", "500ms");
        assertHas(p, "line 25", "pin \"GPIO17\" is not a BCM GPIO number", "not the header position");
        assertHas(p, "line 27", "sensor rc-1 of type residual-current cannot be read from a GPIO pin");
    }

    @Test
    void vigil_validate_finds_the_gpio_factory_through_service_loader() {
        assertTrue(java.util.ServiceLoader.load(dev.vigil.core.spi.DriverFactory.class).stream()
                .anyMatch(f -> f.get().type().equals("gpio")));
    }

    @Test
    void a_correct_site_has_no_problems() {
        assertEquals(List.of(), problems("""
                    outputs:
                      siren-1: {pin: 27}
                      relay-1: {pin: 22, activeLevel: low}
                """, """
                  - id: smoke-301
                    type: smoke
                    bus: gpio-1
                    address: {pin: 17, supervision: {pin: 18}}
                    place: {room: "301"}
                    actions: [{output: siren-1}, {output: relay-1, silenceOnAck: true}]
                """));
    }
}
