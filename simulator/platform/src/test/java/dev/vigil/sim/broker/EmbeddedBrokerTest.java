package dev.vigil.sim.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    @Test
    void takes_the_next_free_port_when_the_preferred_one_is_busy() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName(EmbeddedBroker.HOST), 0));
            int taken = busy.getLocalPort();
            try (EmbeddedBroker broker = new EmbeddedBroker()) {
                int port = broker.start(taken);
                assertTrue(port > taken && port < taken + EmbeddedBroker.PORTS_TO_TRY, "port " + port);
                assertEquals("tcp://127.0.0.1:" + port, broker.url());
                try (Socket s = new Socket(EmbeddedBroker.HOST, port)) {
                    assertTrue(s.isConnected());
                }
            }
        }
    }

    @Test
    void stops_listening_on_stop_and_can_start_again_on_the_same_port() throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker();
        int port = broker.start(0);
        broker.stop();
        assertFalse(broker.isRunning());
        assertFalse(listening(port), "still listening on " + port);

        assertEquals(port, broker.start(port));
        broker.stop();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(EmbeddedBroker.HOST, port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
