package dev.vigil.driver.nbiot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.ReadingSink;
import dev.vigil.driver.nbiot.api.Datagram;
import dev.vigil.driver.nbiot.api.DatagramTooLargeException;
import dev.vigil.driver.nbiot.api.ModemException;
import dev.vigil.driver.nbiot.api.ModemUdpSocket;
import dev.vigil.driver.nbiot.api.NbIotModem;
import dev.vigil.sim.pty.PseudoTerminal;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver with real jSerialComm against the simulator's BC28-like modem on a real
 * pseudo-terminal, its UDP relayed to a real DatagramSocket on 127.0.0.1.
 */
class NbIotDriverSimulatorTest {
    private static final String IMEI = "863703036312345";
    private static final String ICCID = "89860418102070012345";
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> modemLog = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
    private NbIotDriverFactory factory = new NbIotDriverFactory();
    private dev.vigil.sim.modem.NbIotModem modem;
    private DatagramSocket server;
    private Driver driver;
    private UrcDroppingRelay relay;

    @BeforeAll
    static void jSerialCommLibraryDir() throws Exception {
        if (System.getProperty("jSerialComm.library.path") == null) {
            Path lib = Path.of("target", "jserialcomm-native");
            Files.createDirectories(lib);
            System.setProperty("jSerialComm.library.path", lib.toAbsolutePath().toString());
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (driver != null) {
            driver.stop();
            Await.until("the driver's threads ended", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("vigil-nbiot-") && t.isAlive()), () -> "still running: "
                    + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                            .filter(n -> n.startsWith("vigil-nbiot-")).toList());
            assertTrue(factory.modem("modem").isEmpty(), "a stopped modem is no longer offered to uplinks");
        }
        if (relay != null) {
            relay.close();
        }
        if (modem != null) {
            modem.close();
        }
        if (server != null) {
            server.close();
        }
        scheduler.shutdownNow();
    }

    private void startModem() throws Exception {
        modem = new dev.vigil.sim.modem.NbIotModem("nbiot-1", PseudoTerminal.open(dir.resolve("nbiot-1")), 9600, IMEI, ICCID,
                InetAddress.getLoopbackAddress());
        modem.addObserver(modemLog::add);
        modem.start();
    }

    private NbIotModem start(boolean throughRelay) throws Exception {
        startModem();
        Path port = modem.port().link();
        if (throughRelay) {
            relay = new UrcDroppingRelay(dir.resolve("gateway-side"), port);
            port = relay.link();
        }
        startDriver(port);
        NbIotModem api = factory.modem("modem").orElseThrow();
        Await.until("modem online", api::isOnline, this::state);
        return api;
    }

    private void startDriver(Path port) throws Exception {
        server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(5000);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("port", port.toString());
        values.put("commandTimeout", "1s");
        values.put("signalPollInterval", "200ms");
        values.put("drainInterval", "500ms");
        values.put("attachTimeout", "1m");
        BusConfig bus = new BusConfig("modem", "nbiot", new Options(values, Map.of(), new SourceRef("site.yaml", 40)),
                new SourceRef("site.yaml", 39));
        assertEquals(List.of(), factory.validate(bus, List.of()));
        driver = factory.create(bus, List.of());
        driver.start(new DriverContext() {
            @Override
            public ReadingSink readings() {
                return r -> { };
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return scheduler;
            }
        });
    }

    private String state() {
        return driver.health() + "\nmodem saw: " + modemLog;
    }

    private long counter(String name) {
        return driver.health().counters().getOrDefault(name, -1L);
    }

    private ModemUdpSocket open(NbIotModem api) {
        return api.openUdpSocket(0, received::add).toCompletableFuture().join();
    }

    /** gateway -> modem -> server, then server -> modem -> +NSONMI -> AT+NSORF -> listener. */
    private void roundTrip(ModemUdpSocket socket, String text) throws Exception {
        byte[] out = text.getBytes(StandardCharsets.US_ASCII);
        socket.send(new InetSocketAddress("127.0.0.1", server.getLocalPort()), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
        DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
        server.receive(got);
        assertEquals(text, new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII));
        byte[] reply = ("re:" + text).getBytes(StandardCharsets.US_ASCII);
        server.send(new DatagramPacket(reply, reply.length, got.getSocketAddress()));
        Datagram back = received.poll(5, TimeUnit.SECONDS);
        assertTrue(back != null, "no reply delivered; " + state());
        assertArrayEquals(reply, back.payload());
        assertEquals(server.getLocalPort(), back.source().getPort());
    }

    @Test
    void bring_up_reads_imei_iccid_signal_and_registration_into_health() throws Exception {
        start(false);
        DriverHealth h = driver.health();
        assertEquals("nbiot", h.driver());
        assertEquals(ComponentStatus.Status.ONLINE, h.status().status());
        String modemDetail = h.devices().get("modem").message();
        assertTrue(modemDetail.contains("IMEI " + IMEI) && modemDetail.contains("ICCID " + ICCID)
                && modemDetail.contains("IP 10.45.12.7") && modemDetail.contains("registered (home)"), modemDetail);
        assertEquals(20, counter("csq"));
        assertEquals(-73, counter("rssiDbm"));
        assertEquals(1, counter("registrationState"));
        assertEquals(T0.toEpochMilli(), counter("lastAttachEpochMillis"));
        assertEquals(1, counter("attaches"));
        assertTrue(modemLog.stream().anyMatch(l -> l.startsWith("AT AT+CPSMS=0 -> OK")), modemLog.toString());
        // the transcript docs/nbiot.md shows
        Files.write(Path.of("target", "bring-up-transcript.txt"), modemLog);

        modem.setCsq(4);
        Await.until("poor signal reported", () -> driver.health().status().detail().equals("POOR_SIGNAL"), this::state);
        assertEquals(ComponentStatus.Status.DEGRADED, driver.health().status().status());
        assertEquals(-105, counter("rssiDbm"));

        modem.setCsq(99);
        Await.until("CSQ 99 polled", () -> counter("csq") == 99, this::state);
        assertEquals(-1, counter("rssiDbm"), "no dBm figure for an unknown signal");
        assertTrue(driver.health().devices().get("modem").message().contains("CSQ 99 (signal unknown)"));
        // the status is judged at the end of the poll cycle, after the CSQ counter was updated
        Await.until("unknown signal is not reported as poor",
                () -> driver.health().status().status() == ComponentStatus.Status.ONLINE, this::state);
    }

    @Test
    void udp_round_trip_through_the_modem_to_a_real_socket_with_reassembly_and_size_limit() throws Exception {
        NbIotModem api = start(false);
        ModemUdpSocket socket = open(api);
        roundTrip(socket, "hello through NB-IoT");

        byte[] big = new byte[1400]; // more than one AT+NSORF returns: read in two parts ("remaining")
        Arrays.fill(big, (byte) 0x5A);
        socket.send(new InetSocketAddress("127.0.0.1", server.getLocalPort()), new byte[] {1}).toCompletableFuture().join();
        DatagramPacket got = new DatagramPacket(new byte[16], 16);
        server.receive(got);
        server.send(new DatagramPacket(big, big.length, got.getSocketAddress()));
        Datagram back = received.poll(5, TimeUnit.SECONDS);
        assertTrue(back != null, state());
        assertArrayEquals(big, back.payload());

        CompletionException tooBig = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> socket.send(new InetSocketAddress("127.0.0.1", server.getLocalPort()), new byte[1359])
                        .toCompletableFuture().join());
        assertInstanceOf(DatagramTooLargeException.class, tooBig.getCause());
        assertTrue(tooBig.getCause().getMessage().contains("1359") && tooBig.getCause().getMessage().contains("1358"));
        assertEquals(3, counter("datagramsSent") + 1, "the oversize one never reached the modem");
        assertEquals(2, counter("datagramsReceived"));
    }

    @Test
    void survives_lost_registration_re_attaches_and_reopens_the_socket_without_restart() throws Exception {
        NbIotModem api = start(false);
        ModemUdpSocket socket = open(api);
        roundTrip(socket, "before");

        modem.setRegistered(false);
        Await.until("registration loss seen", () -> driver.health().status().detail().equals("NOT_REGISTERED"), this::state);
        assertEquals(2, counter("registrationState"));
        assertEquals(0, counter("attached"));
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> socket.send(new InetSocketAddress("127.0.0.1", server.getLocalPort()), new byte[] {1})
                        .toCompletableFuture().join());
        assertInstanceOf(ModemException.class, refused.getCause());
        assertTrue(refused.getCause().getMessage().contains("not registered")
                || refused.getCause().getMessage().contains("not online"), refused.getCause().getMessage());

        clock.advance(java.time.Duration.ofSeconds(30));
        modem.setRegistered(true);
        Await.until("re-attached", () -> api.isOnline() && counter("reattaches") == 1, this::state);
        assertEquals(T0.plusSeconds(30).toEpochMilli(), counter("lastAttachEpochMillis"));
        assertEquals(1, counter("registrationLosses"));
        assertEquals(0, counter("powerCycles"));
        roundTrip(socket, "after"); // the same socket object, reopened on the modem
    }

    @Test
    void survives_garbage_on_the_line() throws Exception {
        NbIotModem api = start(false);
        ModemUdpSocket socket = open(api);
        byte[] noise = {0x00, (byte) 0xFF, 0x13, (byte) 0x91, 'O', 'K', (byte) 0xC3, '\r', '\n', 'E', 'R', 'R', 'O', 'R'};
        modem.port().write(noise, 0, noise.length);
        Await.until("garbage counted", () -> counter("garbledLines") >= 1, this::state);
        roundTrip(socket, "after garbage");
        Await.until("resynchronised", () -> counter("resyncs") >= 2, this::state); // bring-up's own + this one
        assertEquals(ComponentStatus.Status.ONLINE, driver.health().status().status());
    }

    @Test
    void a_dropped_nsonmi_is_recovered_by_the_periodic_drain() throws Exception {
        NbIotModem api = start(true);
        ModemUdpSocket socket = open(api);
        roundTrip(socket, "warm-up");

        relay.dropNextNsonmi(1);
        socket.send(new InetSocketAddress("127.0.0.1", server.getLocalPort()), new byte[] {7}).toCompletableFuture().join();
        DatagramPacket got = new DatagramPacket(new byte[16], 16);
        server.receive(got);
        byte[] reply = "lost-urc".getBytes(StandardCharsets.US_ASCII);
        server.send(new DatagramPacket(reply, reply.length, got.getSocketAddress()));
        Datagram back = received.poll(5, TimeUnit.SECONDS);
        assertTrue(back != null, state());
        assertArrayEquals(reply, back.payload());
        // the drain may even read it before the swallowed +NSONMI reaches the relay: wait for both
        Await.until("the +NSONMI really was swallowed", () -> relay.dropped() == 1, this::state);
        assertEquals(1, counter("datagramsRecoveredByDrain"));
        assertEquals(0, received.size(), "delivered once, not again when a URC comes");
    }

    @Test
    void after_attach_timeout_without_registration_the_power_cycle_hook_runs_and_bring_up_repeats() throws Exception {
        List<String> powerCycled = new CopyOnWriteArrayList<>();
        factory = new NbIotDriverFactory(port -> {
            powerCycled.add(port);
            modem.setRegistered(true); // the "reboot" brings the network back
            return true;
        });
        NbIotModem api = start(false);
        ModemUdpSocket socket = open(api);
        long imeiReads = modemLog.stream().filter(l -> l.startsWith("AT AT+CGSN=1")).count();

        modem.setRegistered(false);
        Await.until("registration loss seen", () -> counter("registrationLosses") == 1, this::state);
        assertEquals(List.of(), powerCycled, "not before attachTimeout");
        clock.advance(java.time.Duration.ofMinutes(1));
        Await.until("power-cycled and back", () -> counter("powerCycles") == 1 && api.isOnline(), this::state);
        assertEquals(List.of(modem.port().link().toString()), powerCycled);
        assertEquals(imeiReads + 1, modemLog.stream().filter(l -> l.startsWith("AT AT+CGSN=1")).count(),
                "bring-up ran again after the power cycle");
        roundTrip(socket, "after power cycle");
    }

    @Test
    void a_missing_port_is_reported_and_the_modem_used_once_it_appears_with_sockets_opened_before() throws Exception {
        startDriver(dir.resolve("nbiot-1"));
        Await.until("port unavailable reported", () -> driver.health().status().detail().equals("PORT_UNAVAILABLE"),
                this::state);
        assertTrue(driver.health().status().message().contains(dir.resolve("nbiot-1").toString()),
                driver.health().status().message());
        NbIotModem api = factory.modem("modem").orElseThrow();
        ModemUdpSocket early = open(api); // opened before the modem exists: created on it once online
        startModem(); // the USB adapter is plugged in
        Await.until("modem online", api::isOnline, this::state);
        roundTrip(early, "late modem");
    }
}
