package dev.vigil.driver.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import dev.vigil.core.rules.SensorRules;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.ReadingSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class SimulatedDriverTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final ManualTime time = new ManualTime(T0);
    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private final SimulatedDriverFactory factory = new SimulatedDriverFactory();
    private final BusConfig bus = new BusConfig("sim", "simulated", Options.EMPTY, new SourceRef("site.yaml", 10));

    /** Address options as the parser would hand them over: key, value, and the key's line from 20 on. */
    private static SensorConfig sensor(String id, Quantity quantity, Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourceRef> lines = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
            lines.put((String) keyValues[i], new SourceRef("site.yaml", 20 + i / 2));
        }
        Options address = new Options(values, lines, new SourceRef("site.yaml", 19));
        return new SensorConfig(id, "residual-current", quantity, "sim", address,
                new Place("demo", "B1", "3F", "301"), Duration.ofSeconds(5),
                new SensorRules(List.of(), null, null, null), new SourceRef("site.yaml", 18));
    }

    private Driver start(SensorConfig... sensors) {
        assertEquals(List.of(), factory.validate(bus, List.of(sensors)));
        Driver driver = factory.create(bus, List.of(sensors));
        driver.start(new DriverContext() {
            @Override
            public ReadingSink readings() {
                return readings::add;
            }

            @Override
            public Clock clock() {
                return time.clock();
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return time.scheduler();
            }
        });
        return driver;
    }

    private List<Double> values() {
        return readings.stream().map(Reading::value).toList();
    }

    @Test
    void plays_steps_at_its_interval_stamped_with_the_context_clock() {
        start(sensor("rc-1", Quantity.RESIDUAL_CURRENT, "every", "500ms", "signal", "steps 0s:120 1s:260 2s:560"));

        time.advance(Duration.ofMillis(2500));

        assertEquals(List.of(120.0, 120.0, 260.0, 260.0, 560.0, 560.0), values());
        assertEquals(T0, readings.get(0).acquiredAt());
        assertEquals(T0.plusMillis(2500), readings.get(5).acquiredAt());
        Reading r = readings.get(5);
        assertEquals("rc-1", r.sensorId());
        assertEquals(Quantity.RESIDUAL_CURRENT, r.quantity());
        assertEquals("mA", r.unit());
        assertTrue(r.quality().isGood());
    }

    @Test
    void goes_silent_after_silentAfter_and_reports_it_in_health() {
        Driver driver = start(sensor("wd-1", Quantity.WATER_DEPTH, "every", "1s", "signal", "ramp 0s:0 10s:20",
                "silentAfter", "3s"));

        time.advance(Duration.ofSeconds(10));

        assertEquals(List.of(0.0, 2.0, 4.0), values());
        assertEquals(ComponentStatus.Status.OFFLINE, driver.health().devices().get("wd-1").status());
        assertEquals(ComponentStatus.Status.ONLINE, driver.health().status().status());
        assertEquals(3L, driver.health().counters().get("readings"));
    }

    @Test
    void readings_carry_the_device_fault_from_faultAt() {
        start(sensor("rc-2", Quantity.RESIDUAL_CURRENT, "every", "1s", "signal", "constant 150",
                "faultAt", "2s", "faultCode", 0xFAFA));

        time.advance(Duration.ofSeconds(3));

        assertEquals(4, readings.size());
        assertTrue(readings.get(1).quality().isGood());
        Quality fault = readings.get(2).quality();
        assertEquals(Quality.Status.BAD, fault.status());
        assertEquals(0xFAFA, fault.deviceFaultCode());
        assertTrue(fault.reason().contains("0xFAFA"), fault.reason());
    }

    @Test
    void fault_code_may_be_written_as_quoted_hex_and_defaults_to_short() {
        start(sensor("a", Quantity.RESIDUAL_CURRENT, "signal", "constant 1", "faultAt", "0s", "faultCode", "0xE5E5"),
                sensor("b", Quantity.RESIDUAL_CURRENT, "signal", "constant 1", "faultAt", "0s"));

        time.advance(Duration.ZERO);

        assertEquals(List.of(0xE5E5, 0xE5E5), readings.stream().map(r -> r.quality().deviceFaultCode()).toList());
    }

    @Test
    void stop_cancels_everything_it_scheduled() {
        Driver driver = start(sensor("s", Quantity.SMOKE, "every", "100ms", "signal", "square 0 1 2s"));
        time.advance(Duration.ofSeconds(1));
        int before = readings.size();

        driver.stop();
        time.advance(Duration.ofSeconds(5));

        assertEquals(before, readings.size());
        assertEquals(0, time.pendingTasks());
        assertEquals(ComponentStatus.Status.OFFLINE, driver.health().status().status());
    }

    @Test
    void validate_names_the_line_of_every_bad_key() {
        List<ConfigProblem> problems = factory.validate(bus, List.of(
                sensor("rc-1", Quantity.RESIDUAL_CURRENT, "every", "fast", "signal", "steps 0s:1 5s"),
                sensor("rc-2", Quantity.RESIDUAL_CURRENT, "evry", "1s"),
                sensor("rc-3", Quantity.RESIDUAL_CURRENT, "signal", "constant 1", "faultCode", 0x1_0000)));

        List<String> text = problems.stream().map(ConfigProblem::toString).toList();
        assertEquals(6, text.size(), text::toString);
        assertTrue(text.get(0).startsWith("site.yaml:20: sensor rc-1: every: 'fast' is not a duration"), text.get(0));
        assertTrue(text.get(1).startsWith("site.yaml:21: sensor rc-1: signal: steps point '5s' is not TIME:VALUE"), text.get(1));
        assertTrue(text.get(2).startsWith("site.yaml:20: sensor rc-2: unknown address key 'evry'"), text.get(2));
        assertTrue(text.get(3).startsWith("site.yaml:19: sensor rc-2: address has no signal"), text.get(3));
        assertTrue(text.get(4).startsWith("site.yaml:21: sensor rc-3: faultCode without faultAt"), text.get(4));
        assertTrue(text.get(5).startsWith("site.yaml:21: sensor rc-3: faultCode: 65536 is not a 16-bit code"), text.get(5));
    }

    @Test
    void bus_options_are_refused_with_their_line() {
        BusConfig withOptions = new BusConfig("sim", "simulated",
                new Options(Map.of("port", "/dev/ttyUSB0"), Map.of("port", new SourceRef("site.yaml", 11)), new SourceRef("site.yaml", 10)),
                new SourceRef("site.yaml", 10));
        List<ConfigProblem> problems = factory.validate(withOptions, List.of());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString().startsWith("site.yaml:11: bus sim: unknown option 'port'"));
    }

    @Test
    void is_found_by_service_loader_under_its_type_name() {
        List<String> types = new ArrayList<>();
        ServiceLoader.load(DriverFactory.class).forEach(f -> types.add(f.type()));
        assertTrue(types.contains("simulated"), types::toString);
    }
}
