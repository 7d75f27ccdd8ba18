package dev.vigil.sim.modem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sim.pty.PseudoTerminal;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw AT session on the modem's pty; every response is compared byte for byte with docs/simulator.md. */
class NbIotModemTest {
    private static final String IMEI = "863703036312345";
    private static final String ICCID = "89860418102070012345";

    @TempDir
    Path dir;

    private NbIotModem modem;
    private AtSession at;
    private DatagramSocket server;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        modem = new NbIotModem("nbiot-1", PseudoTerminal.open(dir.resolve("nbiot-1")), 9600, IMEI, ICCID, InetAddress.getLoopbackAddress());
        modem.addObserver(events::add);
        modem.start();
        at = new AtSession(modem.port().link());
        server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(2000);
    }

    @AfterEach
    void stop() throws Exception {
        at.close();
        modem.close();
        server.close();
    }

    @Test
    void identity_registration_and_signal_queries_answer_exactly_as_documented() throws Exception {
        assertEquals("AT\r\r\nOK\r\n", at.command("AT", "OK\r\n"), "echo on by default");
        assertEquals("ATE0\r\r\nOK\r\n", at.command("ATE0", "OK\r\n"));
        assertEquals("\r\nOK\r\n", at.command("AT", "OK\r\n"), "no echo after ATE0");
        assertEquals("\r\n+CSQ:20,99\r\n\r\nOK\r\n", at.command("AT+CSQ", "OK\r\n"));
        assertEquals("\r\n+CEREG:0,1\r\n\r\nOK\r\n", at.command("AT+CEREG?", "OK\r\n"));
        assertEquals("\r\n+CGATT:1\r\n\r\nOK\r\n", at.command("AT+CGATT?", "OK\r\n"));
        assertEquals("\r\n+CGPADDR:0,10.45.12.7\r\n\r\nOK\r\n", at.command("AT+CGPADDR", "OK\r\n"));
        assertEquals("\r\n+CGSN:" + IMEI + "\r\n\r\nOK\r\n", at.command("AT+CGSN=1", "OK\r\n"));
        assertEquals("\r\n+NCCID:" + ICCID + "\r\n\r\nOK\r\n", at.command("AT+NCCID", "OK\r\n"));
        assertEquals("\r\nOK\r\n", at.command("AT+CPSMS=1,,,\"01000011\",\"00000001\"", "OK\r\n"));
        assertEquals("\r\n+CPSMS:1,,,\"01000011\",\"00000001\"\r\n\r\nOK\r\n", at.command("AT+CPSMS?", "OK\r\n"));
        assertEquals("\r\nERROR\r\n", at.command("AT+BOGUS", "ERROR\r\n"));
        assertEquals("\r\nERROR\r\n", at.command("AT+NSOST=5,127.0.0.1,5683,1,00", "ERROR\r\n"), "no such socket");
    }

    @Test
    void output_is_paced_at_the_uart_rate_and_a_port_at_the_wrong_baud_rate_gets_nothing() throws Exception {
        at.command("ATE0", "OK\r\n");
        String expected = "\r\n+CGSN:" + IMEI + "\r\n\r\nOK\r\n";
        long t0 = System.nanoTime();
        assertEquals(expected, at.command("AT+CGSN=1", "OK\r\n"));
        long wireNanos = expected.length() * 10 * 1_000_000_000L / 9600;
        assertTrue(System.nanoTime() - t0 >= wireNanos * 9 / 10, "35 characters at 9600 8N1 take ~36 ms");

        // set the port to 115200 the way any program would (termios on the tty), then talk at that rate
        Process stty = new ProcessBuilder("stty", "-F", modem.port().link().toString(), "115200").redirectErrorStream(true).start();
        assertEquals(0, stty.waitFor(), new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        at.send("AT\r");
        assertEquals("", at.pending(300), "no echo, no OK");
        assertTrue(events.contains("gateway port set to 115200 baud but the modem runs 9600 8N1: the modem sees garbage and does not answer"),
                events.toString());
    }

    @Test
    void udp_through_the_modem_reaches_a_real_socket_and_the_reply_comes_back_as_nsonmi_and_nsorf() throws Exception {
        at.command("ATE0", "OK\r\n");
        assertEquals("\r\n0\r\n\r\nOK\r\n", at.command("AT+NSOCR=DGRAM,17,0,1", "OK\r\n"));
        int port = server.getLocalPort();
        assertEquals("\r\n0,4\r\n\r\nOK\r\n", at.command("AT+NSOST=0,127.0.0.1," + port + ",4,DEADBEEF", "OK\r\n"));

        DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
        server.receive(got);
        assertArrayEquals(HexFormat.of().parseHex("deadbeef"), java.util.Arrays.copyOf(got.getData(), got.getLength()));

        byte[] reply = "hello".getBytes(StandardCharsets.US_ASCII);
        server.send(new DatagramPacket(reply, reply.length, got.getSocketAddress()));
        assertEquals("\r\n+NSONMI:0,5\r\n", at.until("+NSONMI:0,5\r\n"));
        assertEquals("\r\n0,127.0.0.1," + port + ",3,68656C,2\r\n\r\nOK\r\n", at.command("AT+NSORF=0,3", "OK\r\n"), "partial read");
        assertEquals("\r\n0,127.0.0.1," + port + ",2,6C6F,0\r\n\r\nOK\r\n", at.command("AT+NSORF=0,512", "OK\r\n"));
        assertEquals("\r\nOK\r\n", at.command("AT+NSORF=0,512", "OK\r\n"), "nothing left");
        assertEquals("\r\nOK\r\n", at.command("AT+NSOCL=0", "OK\r\n"));
        assertEquals("\r\nERROR\r\n", at.command("AT+NSOCL=0", "ERROR\r\n"));
    }

    @Test
    void injected_faults_poor_signal_lost_registration_and_a_dropped_datagram() throws Exception {
        at.command("ATE0", "OK\r\n");
        at.command("AT+CEREG=1", "OK\r\n");
        at.command("AT+NSOCR=DGRAM,17,0,1", "OK\r\n");
        int port = server.getLocalPort();

        modem.setCsq(4);
        assertEquals("\r\n+CSQ:4,99\r\n\r\nOK\r\n", at.command("AT+CSQ", "OK\r\n"));

        modem.dropNextDatagrams(1);
        assertEquals("\r\n0,1\r\n\r\nOK\r\n", at.command("AT+NSOST=0,127.0.0.1," + port + ",1,01", "OK\r\n"), "the modem says it sent it");
        at.command("AT+NSOST=0,127.0.0.1," + port + ",1,02", "OK\r\n");
        DatagramPacket got = new DatagramPacket(new byte[16], 16);
        server.receive(got);
        assertEquals(2, got.getData()[0], "datagram 01 was dropped, 02 arrived");

        modem.setRegistered(false);
        assertEquals("\r\n+CEREG:2\r\n\r\n+NSOCLI:0\r\n", at.until("+NSOCLI:0\r\n"));
        assertEquals("\r\n+CEREG:1,2\r\n\r\nOK\r\n", at.command("AT+CEREG?", "OK\r\n"));
        assertEquals("\r\n+CGATT:0\r\n\r\nOK\r\n", at.command("AT+CGATT?", "OK\r\n"));
        assertEquals("\r\nERROR\r\n", at.command("AT+NSOST=0,127.0.0.1," + port + ",1,03", "ERROR\r\n"));

        modem.setRegistered(true);
        assertEquals("\r\n+CEREG:1\r\n", at.until("+CEREG:1\r\n"));
        assertEquals("\r\n0\r\n\r\nOK\r\n", at.command("AT+NSOCR=DGRAM,17,0,1", "OK\r\n"));
        at.command("AT+NSOST=0,127.0.0.1," + port + ",1,04", "OK\r\n");
        server.receive(got);
        assertEquals(4, got.getData()[0]);
        try {
            server.setSoTimeout(100);
            server.receive(got);
            throw new AssertionError("the dropped or refused datagrams must not arrive late");
        } catch (SocketTimeoutException expected) {
            // nothing more
        }
        assertTrue(events.stream().anyMatch(e -> e.contains("dropped datagram")), events.toString());
    }
}
