package dev.vigil.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InsecureWarningTest {

    private final Logger log = (Logger) LoggerFactory.getLogger(MqttUplink.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        log.addAppender(captured);
    }

    @AfterEach
    void release() {
        log.detachAppender(captured);
    }

    private List<String> warnings() {
        return captured.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void plain_tcp_to_another_host_warns_once_at_start() {
        // 192.0.2.1 is TEST-NET-1: never routed, so nothing is ever sent anywhere
        MqttUplink uplink = Uplinks.uplink("url", "tcp://192.0.2.1:1883", "insecure", true, "connectTimeout", "1s");
        uplink.start();
        uplink.stop();

        List<String> insecure = warnings().stream().filter(w -> w.contains("plain TCP")).toList();
        assertEquals(1, insecure.size(), warnings()::toString);
        assertTrue(insecure.get(0).contains("tcp://192.0.2.1:1883"), insecure.get(0));
    }

    @Test
    void plain_tcp_on_this_machine_does_not_warn() {
        MqttUplink uplink = Uplinks.uplink("url", "tcp://127.0.0.1:" + dev.vigil.sim.broker.EmbeddedBroker.unusedPort());
        uplink.start();
        uplink.stop();

        assertTrue(warnings().stream().noneMatch(w -> w.contains("plain TCP")), warnings()::toString);
    }
}
