package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.Fakes.FakeDriverFactory;
import dev.vigil.core.config.Fakes.FakeUplinkFactory;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteValidatorTest {

    @TempDir
    Path dir;

    private SiteConfig site(String yaml) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, yaml);
        return SiteFileParser.parse(file).config().orElseThrow();
    }

    private SiteConfig twoBuses() throws IOException {
        return site(SiteFileParserTest.VALID.replace("    port: /dev/ttyUSB0\n", "    port: /dev/ttyUSB0\n  - id: gpio-1\n    driver: gpio\n"));
    }

    @Test
    void bus_without_an_installed_driver_names_the_bundle_to_install() throws IOException {
        List<ConfigProblem> p = SiteValidator.validate(twoBuses(), Fakes.acceptingDrivers(), Fakes.acceptingUplinks());
        assertEquals(1, p.size(), p.toString());
        assertEquals(14, p.get(0).where().line());
        assertEquals("buses[1] \"gpio-1\": no driver of type \"gpio\" is installed; install the bundle dev.vigil.vigil-driver-gpio"
                + " (installed driver types: modbus-rtu, simulated)", p.get(0).message());
    }

    @Test
    void every_known_type_maps_to_its_bundle() {
        assertEquals("dev.vigil.vigil-driver-simulated", KnownBundles.forDriver("simulated").orElseThrow());
        assertEquals("dev.vigil.vigil-driver-modbus", KnownBundles.forDriver("modbus-rtu").orElseThrow());
        assertEquals("dev.vigil.vigil-driver-gpio", KnownBundles.forDriver("gpio").orElseThrow());
        assertEquals("dev.vigil.vigil-driver-nbiot", KnownBundles.forDriver("nbiot").orElseThrow());
        assertEquals("dev.vigil.vigil-uplink-mqtt", KnownBundles.forUplink("mqtt").orElseThrow());
        assertEquals("dev.vigil.vigil-uplink-coap", KnownBundles.forUplink("coap").orElseThrow());
    }

    @Test
    void two_buses_on_one_port_are_reported_with_both_lines() throws IOException {
        SiteConfig c = site(SiteFileParserTest.VALID.replace("    port: /dev/ttyUSB0\n",
                "    port: /dev/ttyUSB0\n  - id: rs485-2\n    driver: simulated\n    port: /dev/./ttyUSB0\n"));
        List<ConfigProblem> p = SiteValidator.validate(c, Fakes.acceptingDrivers(), Fakes.acceptingUplinks());
        assertEquals(1, p.size(), p.toString());
        String file = dir.resolve("site.yaml").toString();
        assertEquals(16, p.get(0).where().line());
        assertEquals("port /dev/./ttyUSB0 is used by buses \"rs485-1\" (" + file + ":13) and \"rs485-2\" (" + file + ":16);"
                + " expected one bus per serial port (put all slaves of one RS-485 line on one bus)", p.get(0).message());
    }

    @Test
    void uplink_without_an_installed_factory_names_the_bundle() throws IOException {
        List<ConfigProblem> p = SiteValidator.validate(site(SiteFileParserTest.VALID), Fakes.acceptingDrivers(), Map.of());
        assertEquals(1, p.size(), p.toString());
        assertEquals(5, p.get(0).where().line());
        assertEquals("uplinks[0] \"platform\": no uplink of type \"mqtt\" is installed; install the bundle dev.vigil.vigil-uplink-mqtt"
                + " (installed uplink types: none)", p.get(0).message());
    }

    @Test
    void misspelt_driver_type_gets_a_did_you_mean() throws IOException {
        SiteConfig c = site(SiteFileParserTest.VALID.replace("driver: simulated", "driver: modbus_rtu"));
        List<ConfigProblem> p = SiteValidator.validate(c, Fakes.acceptingDrivers(), Fakes.acceptingUplinks());
        assertEquals("buses[0] \"rs485-1\": no driver of type \"modbus_rtu\" is installed and Vigil knows no bundle for it"
                + " (did you mean \"modbus-rtu\"?); expected one of gpio, modbus-rtu, nbiot, simulated", p.get(0).message());
    }

    @Test
    void factory_problems_are_passed_through_and_the_factory_sees_only_its_bus_sensors() throws IOException {
        SiteConfig c = twoBuses();
        FakeDriverFactory sim = new FakeDriverFactory("simulated", (bus, sensors) -> List.of(
                new ConfigProblem(bus.options().lineOf("port"), "bus " + bus.id() + ": port is not allowed")));
        FakeDriverFactory gpio = new FakeDriverFactory("gpio", (bus, sensors) -> List.of());
        Map<String, DriverFactory> drivers = Map.of("simulated", sim, "gpio", gpio);
        Map<String, UplinkFactory> uplinks = Map.of("mqtt", new FakeUplinkFactory("mqtt",
                u -> List.of(new ConfigProblem(u.options().lineOf("url"), "uplink " + u.id() + ": broker unknown"))));

        List<ConfigProblem> p = SiteValidator.validate(c, drivers, uplinks);

        assertEquals(List.of("7: uplink platform: broker unknown", "13: bus rs485-1: port is not allowed"),
                p.stream().map(x -> x.where().line() + ": " + x.message()).toList());
        assertEquals(List.of("rc-1"), sim.sensorsSeen.get(0).stream().map(SensorConfig::id).toList());
        assertEquals(List.of(), gpio.sensorsSeen.get(0));
    }

    @Test
    void a_factory_that_throws_is_reported_without_hiding_the_rest() throws IOException {
        Map<String, DriverFactory> drivers = Map.of("simulated", new FakeDriverFactory("simulated", (b, s) -> {
            throw new IllegalStateException("boom");
        }));
        List<ConfigProblem> p = SiteValidator.validate(site(SiteFileParserTest.VALID), drivers, Map.of());
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("mqtt"), p.toString());
        assertTrue(p.get(1).message().startsWith("driver simulated failed to check bus \"rs485-1\": java.lang.IllegalStateException: boom"),
                p.toString());
    }

    @Test
    void check_reports_parse_and_factory_problems_in_one_run() throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, SiteFileParserTest.VALID.replace("    bus: rs485-1", "    bus: rs485-9"));
        SiteFileResult r = SiteValidator.check(file, Map.of(), Fakes.acceptingUplinks());
        assertFalse(r.isValid());
        assertEquals(List.of(11, 17), r.problems().stream().map(p -> p.where().line()).toList(), r.problems().toString());
    }
}
