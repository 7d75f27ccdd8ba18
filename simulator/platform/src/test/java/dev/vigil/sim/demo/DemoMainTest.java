package dev.vigil.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoMainTest {

    private static final Path TEMPLATE = Path.of("../../config/demo/demo-site.yaml");

    @TempDir
    Path dir;

    private String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = DemoMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return code + "\n" + bytes.toString(StandardCharsets.UTF_8);
    }

    /** A stand-in for bin/vigil: {@link FakeGateway} on this test's classpath. */
    private Path fakeVigil() throws Exception {
        Path script = dir.resolve("vigil");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + FakeGateway.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void runs_the_gateway_on_the_filled_in_site_prints_its_alarms_and_stops_it_after_duration() throws Exception {
        long t0 = System.nanoTime();

        String out = run("--vigil", fakeVigil().toString(), "--site-template", TEMPLATE.toString(),
                "--port", "0", "--duration", "6s");

        assertTrue(out.startsWith("0\n"), out);
        Matcher port = Pattern.compile("mosquitto_sub -h 127.0.0.1 -p (\\d+) -t 'vigil/#' -v").matcher(out);
        assertTrue(port.find(), out);
        assertTrue(out.matches("(?s).*\\+\\s+\\d+\\.\\ds  RAISED   ALARM     rc-b1-3f-301 +residual current 512 mA >= 500 mA  B1/3F/301"
                + "  \\(acquired->received -?\\d+ ms\\).*"), out);
        assertTrue(out.contains("the platform received 1 alarm event(s)"), out);

        Matcher logLine = Pattern.compile("gateway log   (\\S+)").matcher(out);
        assertTrue(logLine.find(), out);
        String log = Files.readString(Path.of(logLine.group(1)));
        assertTrue(log.contains("fake gateway: run --config "), log);
        assertTrue(log.contains("on port " + port.group(1)), log);
        Path site = Path.of(log.substring(log.indexOf("--config ") + 9, log.indexOf(" on port")).trim());
        String siteText = Files.readString(site);
        assertTrue(siteText.contains("url: tcp://127.0.0.1:" + port.group(1)), siteText);
        assertTrue(!siteText.contains("${"), "placeholders filled");
        assertTrue(out.contains("Modbus RTU bus rs485-1 on "), out);
        assertTrue(out.contains("smoke         on the `simulated` driver"), out);
        Matcher rs485 = Pattern.compile("port: (\\S+/ports/rs485-1)").matcher(siteText);
        assertTrue(rs485.find(), siteText);
        Matcher profiles = Pattern.compile("profilesDir: (\\S+)").matcher(siteText);
        assertTrue(profiles.find() && Files.isRegularFile(Path.of(profiles.group(1), "acrel-aim-r100.yaml")), siteText);
        assertTrue(!Files.exists(Path.of(rs485.group(1))), "the simulator's port is removed when the demo stops");
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "the child's 60 s sleep was cut short");
    }

    @Test
    void without_the_simulator_plays_the_all_simulated_site_and_says_so() throws Exception {
        String out = run("--vigil", fakeVigil().toString(), "--site-template", TEMPLATE.toString(),
                "--scenario", dir.resolve("missing.yaml").toString(), "--port", "0", "--duration", "3s");

        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("hardware      NOT SIMULATED: "), out);
        assertTrue(out.contains("(demo-site-simulated.yaml)"), out);
        Matcher siteLine = Pattern.compile("site file     (\\S+)").matcher(out);
        assertTrue(siteLine.find(), out);
        String siteText = Files.readString(Path.of(siteLine.group(1)));
        assertTrue(siteText.contains("driver: simulated") && !siteText.contains("modbus-rtu"), siteText);
    }

    @Test
    void reports_a_gateway_that_exits_by_itself_with_its_log() throws Exception {
        Path script = dir.resolve("vigil");
        Files.writeString(script, "#!/bin/sh\necho 'cannot open outbox: disk full'\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        String out = run("--vigil", script.toString(), "--site-template", TEMPLATE.toString(), "--port", "0", "--duration", "10s");

        assertTrue(out.startsWith("1\n"), out);
        assertTrue(out.contains("the gateway exited by itself with code 3"), out);
        assertTrue(out.contains("  | cannot open outbox: disk full"), out);
    }

    @Test
    void bad_arguments_are_named_with_the_usage() {
        String out = run("--site-template", TEMPLATE.toString());
        assertTrue(out.startsWith("2\nvigil demo: --vigil is required"), out);
        assertTrue(out.contains("usage: DemoMain"), out);
        assertTrue(run("--vigil", "/bin/sh", "--site-template", TEMPLATE.toString(), "--duration", "soon")
                .contains("--duration soon is not a duration"));
    }

    @Test
    void fill_refuses_unknown_placeholders() {
        assertEquals("port: 1884\ndir: /tmp/o", DemoMain.fill("port: ${MQTT_PORT}\ndir: ${OUTBOX_DIR}", 1884, Path.of("/tmp/o")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DemoMain.fill("x: ${SECRET}", 1, Path.of("/tmp")));
        assertTrue(e.getMessage().contains("${SECRET}"), e.getMessage());
    }
}
