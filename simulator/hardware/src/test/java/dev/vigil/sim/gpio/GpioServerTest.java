package dev.vigil.sim.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPIO line protocol as documented in docs/simulator.md, spoken by a raw client. */
class GpioServerTest {
    @TempDir
    Path dir;

    @Test
    void line_protocol_watch_get_set_and_errors() throws Exception {
        GpioBank bank = new GpioBank(Clock.systemUTC());
        bank.define(new GpioBank.Pin(17, "smoke", GpioBank.Direction.INPUT, false), true);
        bank.define(new GpioBank.Pin(27, "siren", GpioBank.Direction.OUTPUT, true), false);
        try (GpioServer server = new GpioServer(bank, dir.resolve("sub/gpio.sock"));
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(server.socketPath()));
            // separate streams from one blocking channel are fine here: this client never reads and writes at once
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.US_ASCII));
            OutputStream out = Channels.newOutputStream(ch);
            assertEquals("HELLO 1 vigil-sim-gpio", exchange(out, in, "HELLO 1"));
            assertEquals("STATE 17 1", exchange(out, in, "WATCH 17"));
            bank.setActive("smoke", true, "test");
            assertEquals("STATE 17 0", in.readLine(), "pushed on change");
            assertEquals("STATE 27 1", exchange(out, in, "SET 27 1"));
            assertTrue(bank.level(27));
            assertEquals("ERR GPIO 17 (smoke) is an input; the gateway cannot drive it", exchange(out, in, "SET 17 1"));
            assertEquals("ERR GPIO 4 is not defined in the scenario; defined: [17, 27]", exchange(out, in, "GET 4"));
            assertEquals("ERR unknown command 'BLINK'; expected HELLO, WATCH, GET or SET", exchange(out, in, "BLINK 27"));
        }
        assertTrue(Files.notExists(dir.resolve("sub/gpio.sock")), "socket file removed on close");
    }

    private static String exchange(OutputStream out, BufferedReader in, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return in.readLine();
    }
}
