package dev.vigil.uplink.mqtt;

import static dev.vigil.uplink.mqtt.Uplinks.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.spi.UplinkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttUplinkOptionsTest {

    private final MqttUplinkFactory factory = new MqttUplinkFactory();

    private List<String> problems(Object... keyValues) {
        return factory.validate(config(keyValues)).stream().map(ConfigProblem::toString).toList();
    }

    private static void assertOne(List<String> problems, String expectedStart) {
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(expectedStart), () -> "was: " + problems.get(0));
    }

    @Test
    void defaults_fill_client_id_prefix_and_timeouts() {
        MqttUplinkOptions o = MqttUplinkOptions.parse(config("url", "tcp://127.0.0.1:1883"), "demo-gw-1", new ArrayList<>());
        assertEquals("vigil-demo-gw-1", o.clientId());
        assertEquals("vigil", o.topicPrefix());
        assertEquals(Duration.ofSeconds(10), o.publishTimeout());
        assertEquals(Duration.ofSeconds(30), o.keepAlive());
        assertEquals("tcp://127.0.0.1:1883", o.serverUri());
    }

    @Test
    void url_is_required() {
        assertOne(problems(), "site.yaml:10: uplink main: url is required");
    }

    @Test
    void url_must_be_tcp_or_ssl() {
        assertOne(problems("url", "http://broker:1883"), "site.yaml:11: uplink main: url http://broker:1883 must start with tcp:// or ssl://");
        assertOne(problems("url", "tcp://user:pw@127.0.0.1:1883"), "site.yaml:11: uplink main: url tcp://user:pw@127.0.0.1:1883 must be just scheme://host:port");
    }

    @Test
    void plain_tcp_to_another_host_needs_insecure_true() {
        assertOne(problems("url", "tcp://broker.example.org:1883"),
                "site.yaml:11: uplink main: url tcp://broker.example.org:1883 would send alarms and credentials unencrypted");
        assertEquals(List.of(), problems("url", "tcp://broker.example.org:1883", "insecure", true));
        assertEquals(List.of(), problems("url", "tcp://localhost:1883"));
        assertEquals(List.of(), problems("url", "tcp://[::1]:1883"));
        assertEquals(List.of(), problems("url", "ssl://broker.example.org:8883"));
    }

    @Test
    void inline_password_is_refused_and_points_to_passwordFile() {
        List<String> p = problems("url", "tcp://127.0.0.1", "username", "gw", "password", "hunter2");
        assertOne(p, "site.yaml:13: uplink main: an inline password is not accepted");
        assertTrue(p.get(0).contains("passwordFile"));
        assertTrue(!p.get(0).contains("hunter2"), "the error must not echo the password");
    }

    @Test
    void missing_files_and_orphan_password_are_named(@TempDir Path dir) throws Exception {
        assertOne(problems("url", "ssl://b:8883", "caFile", dir.resolve("ca.pem").toString()),
                "site.yaml:12: uplink main: caFile " + dir.resolve("ca.pem") + " does not exist");
        Path pw = Files.writeString(dir.resolve("pw"), "x");
        assertOne(problems("url", "tcp://127.0.0.1", "passwordFile", pw.toString()),
                "site.yaml:12: uplink main: passwordFile is given but username is not");
    }

    @Test
    void every_bad_value_is_reported_at_once_with_its_line() {
        List<String> p = problems("url", "ssl://b:8883", "keepAlive", "often", "publishTimeout", "20m",
                "topicPrefix", "vigil/#", "insecure", "yes", "qos", 2);
        assertEquals(5, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("site.yaml:16: uplink main: unknown option 'qos' for an mqtt uplink; known options: url,"), p.get(0));
        assertTrue(p.get(1).startsWith("site.yaml:15: uplink main: insecure: yes must be true or false"), p.get(1));
        assertTrue(p.get(2).startsWith("site.yaml:14: uplink main: topicPrefix 'vigil/#' must be topic levels"), p.get(2));
        assertTrue(p.get(3).startsWith("site.yaml:12: uplink main: keepAlive: often is not a duration"), p.get(3));
        assertTrue(p.get(4).startsWith("site.yaml:13: uplink main: publishTimeout: 20m is out of range; expected 100ms to 10m"), p.get(4));
    }

    @Test
    void insecure_and_caFile_must_match_the_scheme(@TempDir Path dir) throws Exception {
        assertOne(problems("url", "ssl://b:8883", "insecure", true), "site.yaml:12: uplink main: insecure: true only applies to tcp://");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        List<String> p = problems("url", "tcp://127.0.0.1:1883", "caFile", ca.toString());
        assertEquals(2, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("site.yaml:12: uplink main: caFile is only used with ssl:// urls"), p.get(0));
        assertTrue(p.get(1).startsWith("site.yaml:12: uplink main: caFile " + ca + " "), p.get(1));
        assertTrue(p.get(1).endsWith("expected one or more -----BEGIN CERTIFICATE----- blocks"), p.get(1));
    }

    @Test
    void is_found_by_service_loader_under_mqtt() {
        List<String> types = new ArrayList<>();
        ServiceLoader.load(UplinkFactory.class).forEach(f -> types.add(f.type()));
        assertEquals(List.of("mqtt"), types);
    }
}
