package dev.vigil.driver.nbiot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.spi.DriverFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Site-file options of an nbiot bus: defaults, PSM timer encoding, and errors that name file:line. */
class NbIotOptionsTest {

    private final NbIotDriverFactory factory = new NbIotDriverFactory();

    /** Options as the site-file parser builds them: key k on line 41, 42, ... in order; nested keys below. */
    private static BusConfig bus(Map<String, Object> values) {
        Map<String, SourceRef> lines = new LinkedHashMap<>();
        int line = 41;
        for (String key : values.keySet()) {
            lines.put(key, new SourceRef("site.yaml", line++));
            if (values.get(key) instanceof Map<?, ?> nested) {
                for (Object k : nested.keySet()) {
                    lines.put(key + "." + k, new SourceRef("site.yaml", line++));
                }
            }
        }
        return new BusConfig("modem", "nbiot", new Options(values, lines, new SourceRef("site.yaml", 40)),
                new SourceRef("site.yaml", 39));
    }

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void only_the_port_is_required_and_the_rest_has_documented_defaults() {
        NbIotOptions o = NbIotOptionsReader.read(bus(values("port", "/dev/ttyUSB0"))).options().orElseThrow();
        assertEquals(NbIotOptions.defaults("/dev/ttyUSB0"), o);
        assertEquals(9600, o.baud());
        assertEquals(Duration.ofSeconds(5), o.commandTimeout());
        assertEquals("AT+CPSMS=0", o.psmCommand(), "no psm block: PSM off, so downlink commands reach the gateway");
    }

    @Test
    void psm_durations_are_encoded_as_3gpp_timers() {
        NbIotOptions o = NbIotOptionsReader.read(bus(values("port", "/dev/ttyUSB0", "baud", 115200,
                "psm", values("tau", "1h", "activeTime", "10s"), "apn", "iot.example.cn"))).options().orElseThrow();
        // the smallest exact unit: T3412 ext 000 (10 min) x 6; T3324 000 (2 s) x 5
        assertEquals("AT+CPSMS=1,,,\"00000110\",\"00000101\"", o.psmCommand());
        assertEquals(java.util.Optional.of("iot.example.cn"), o.apn());
        assertEquals(java.util.Optional.of("11000001"), PsmTimers.tau(Duration.ofHours(320)));
        assertEquals(java.util.Optional.of("00110010"), PsmTimers.activeTime(Duration.ofMinutes(18)));
        assertEquals(java.util.Optional.of("01001010"), PsmTimers.activeTime(Duration.ofMinutes(60)));
        assertEquals(java.util.Optional.empty(), PsmTimers.activeTime(Duration.ofSeconds(63)));
    }

    @Test
    void every_bad_option_is_reported_at_its_own_line() {
        List<ConfigProblem> problems = factory.validate(bus(values("port", "ttyUSB0", "baud", 1234,
                "commandTimeout", "5 seconds", "psm", values("tau", "33m", "activeTime", "10s", "edrx", 1),
                "apn", "bad apn!", "speed", 9600)), List.of());
        assertEquals(List.of(
                "site.yaml:49: unknown option 'speed' of nbiot bus 'modem'; known options: apn, attachTimeout, baud, "
                        + "commandTimeout, drainInterval, port, psm, signalPollInterval",
                "site.yaml:41: port of nbiot bus 'modem' must be an absolute device path such as /dev/ttyUSB0, found 'ttyUSB0'",
                "site.yaml:42: baud of nbiot bus 'modem' must be one of [4800, 9600, 19200, 38400, 57600, 115200], found '1234'",
                "site.yaml:43: commandTimeout of nbiot bus 'modem' must be " + dev.vigil.core.config.Durations.EXPECTED
                        + ", found '5 seconds'",
                "site.yaml:47: unknown psm option 'edrx' of nbiot bus 'modem'; known: tau, activeTime",
                "site.yaml:45: psm.tau of nbiot bus 'modem' must be " + PsmTimers.TAU_EXPECTED
                        + " (3GPP TS 24.008 timer encoding), found '33m'",
                "site.yaml:48: apn of nbiot bus 'modem' must be 1-63 letters, digits, dots or hyphens, found 'bad apn!'"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void a_missing_port_is_reported_where_the_bus_options_start() {
        List<ConfigProblem> problems = factory.validate(bus(values("baud", 9600)), List.of());
        assertEquals(1, problems.size());
        assertEquals("site.yaml:40", problems.get(0).where().toString());
        assertTrue(problems.get(0).message().contains("needs 'port'"), problems.get(0).message());
    }

    @Test
    void a_sensor_put_on_the_modem_bus_is_refused_at_the_sensors_line() {
        SensorConfig sensor = new SensorConfig("rc-1", "residual-current", null, "modem", Options.EMPTY, null, null,
                null, new SourceRef("site.yaml", 77));
        List<ConfigProblem> problems = factory.validate(bus(values("port", "/dev/ttyUSB0")), List.of(sensor));
        assertEquals(1, problems.size());
        assertEquals("site.yaml:77", problems.get(0).where().toString());
        assertTrue(problems.get(0).message().contains("'rc-1'") && problems.get(0).message().contains("carries no sensors"));
    }

    @Test
    void service_loader_finds_the_factory_by_type_for_vigil_validate() {
        assertTrue(ServiceLoader.load(DriverFactory.class).stream()
                .anyMatch(p -> p.get().type().equals("nbiot") && p.type() == NbIotDriverFactory.class));
    }
}
