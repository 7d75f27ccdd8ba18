package dev.vigil.uplink.mqtt;

import static dev.vigil.uplink.mqtt.Uplinks.alarm;
import static dev.vigil.uplink.mqtt.Uplinks.uplink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.health.ComponentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssl:// with caFile against mosquitto serving a certificate of a CA made by the test (openssl). */
class MqttUplinkTlsTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Mosquitto mosquitto;
    private MqttUplink uplink;

    @BeforeEach
    void needsTools() {
        Assumptions.assumeTrue(Mosquitto.installed(), "skipped: " + Mosquitto.BINARY + " is not installed");
        Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "skipped: " + OPENSSL + " is not installed");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (uplink != null) {
            uplink.stop();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + args[0] + ": " + output);
    }

    /** A CA, and a server certificate it signed for 127.0.0.1 and localhost. */
    private void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
                "-subj", "/CN=Vigil test CA");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "1",
                "-subj", "/CN=Some other CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "1", "-extfile", "san.cnf");
    }

    @Test
    void connects_over_tls_trusting_the_ca_file_and_refuses_a_server_of_another_ca() throws Exception {
        makeCertificates();
        mosquitto = Mosquitto.start(dir, null, "certfile " + dir.resolve("server.pem") + "\nkeyfile "
                + dir.resolve("server.key") + "\n");
        String url = "ssl://127.0.0.1:" + mosquitto.port();

        uplink = uplink("url", url, "caFile", dir.resolve("ca.pem").toString());
        uplink.start();
        Await.until(uplink::isConnected, WAIT, () -> "connected over TLS, health " + uplink.health());
        uplink.publish(alarm(1, "{\"type\":\"alarm\",\"seq\":1}")).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        uplink.stop();

        uplink = uplink("url", url, "caFile", dir.resolve("other-ca.pem").toString());
        uplink.start();
        Await.until(() -> uplink.health().status().status() == ComponentStatus.Status.OFFLINE, WAIT,
                () -> "refused, health " + uplink.health());
        assertEquals("TLS_ERROR", uplink.health().status().detail(), uplink.health().toString());
        assertTrue(uplink.health().status().message().contains(url), uplink.health().status().message());
    }
}
