package dev.vigil.uplink.mqtt;

import static dev.vigil.uplink.mqtt.Uplinks.GATEWAY;
import static dev.vigil.uplink.mqtt.Uplinks.alarm;
import static dev.vigil.uplink.mqtt.Uplinks.uplink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.sim.recorder.PlatformRecorder;
import dev.vigil.sim.recorder.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against Debian's mosquitto 2.0, run as a process on a free port. */
class MqttUplinkMosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Mosquitto mosquitto;
    private MqttUplink uplink;
    private PlatformRecorder recorder;
    private TcpProxy proxy;

    @BeforeEach
    void needsMosquitto() {
        Assumptions.assumeTrue(Mosquitto.installed(), "skipped: " + Mosquitto.BINARY + " is not installed (apt-get install mosquitto)");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (uplink != null) {
            uplink.stop();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void the_last_will_says_offline_when_the_connection_is_cut_and_the_uplink_comes_back() throws Exception {
        mosquitto = Mosquitto.start(dir, null);
        recorder = new PlatformRecorder(mosquitto.url(), "vigil");
        recorder.start(WAIT);
        proxy = new TcpProxy(mosquitto.port());
        uplink = uplink("url", proxy.url(), "keepAlive", "2s");
        uplink.start();
        Received.Status online = recorder.awaitStatus(s -> "online".equals(s.state()), WAIT);

        proxy.cut(); // no DISCONNECT reaches the broker: it must publish the will

        Received.Status will = recorder.awaitStatus(s -> "offline".equals(s.state()), WAIT);
        assertEquals(GATEWAY, will.gateway());
        assertEquals("connection lost", will.reason());
        assertEquals(online.since(), will.since(), "the will carries the time of the connect it belongs to");
        assertTrue(will.retained() || recorder.statuses().size() >= 2, "delivered live to a subscriber");

        List<Received.Status> onlineAgain = recorder.await(Received.Status.class, s -> "online".equals(s.state()), 2, WAIT);
        assertTrue(onlineAgain.get(1).since().isAfter(online.since()), "a new connection, announced again");
        uplink.publish(alarm(2, "{\"type\":\"alarm\",\"seq\":2}")).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void username_and_password_file_authenticate_and_a_wrong_password_is_reported() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Mosquitto.PASSWD), "skipped: " + Mosquitto.PASSWD + " is not installed");
        Path passwd = dir.resolve("mosquitto.passwd");
        Process p = new ProcessBuilder(Mosquitto.PASSWD.toString(), "-b", "-c", passwd.toString(), "gateway", "s3cret-for-test")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        mosquitto = Mosquitto.start(dir, passwd);
        Path good = secretFile("good.pw", "s3cret-for-test\n");
        Path bad = secretFile("bad.pw", "wrong");

        uplink = uplink("url", mosquitto.url(), "username", "gateway", "passwordFile", good.toString());
        uplink.start();
        Await.until(uplink::isConnected, WAIT, () -> "connected with the right password, health " + uplink.health());
        uplink.publish(alarm(1, "{\"type\":\"alarm\",\"seq\":1}")).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        uplink.stop();

        uplink = uplink("url", mosquitto.url(), "username", "gateway", "passwordFile", bad.toString());
        uplink.start();
        Await.until(() -> uplink.health().status().status() == ComponentStatus.Status.OFFLINE, WAIT,
                () -> "refused with the wrong password, health " + uplink.health());
        ComponentStatus s = uplink.health().status();
        assertTrue(List.of("BAD_CREDENTIALS", "NOT_AUTHORIZED").contains(s.detail()), s.toString());
        assertTrue(s.message().contains(mosquitto.url()), s.message());
        assertTrue(!s.message().contains("wrong"), "the password must not appear in health");
    }

    private Path secretFile(String name, String content) throws Exception {
        Path f = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }
}
