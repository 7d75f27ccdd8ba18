package dev.vigil.driver.gpio;

import dev.vigil.sim.gpio.GpioBank;
import dev.vigil.sim.gpio.GpioServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The simulator's GPIO header served on a unix socket (in-process here, a separate process in a
 * demo), with the Pi4J plugin pointed at it: the driver's real Pi4J code path sees these pins.
 * Pins match docs/gpio.md's wiring example: smoke alarm contact BCM 17 (active low), supervision
 * BCM 18 (closed = low), siren BCM 27 (active high), relay BCM 22 (active low).
 */
final class SimulatedBoard implements AutoCloseable {

    static final String SOCKET_PROPERTY = "vigil.sim.gpio.socket";

    final GpioBank bank = new GpioBank(Clock.systemUTC());
    private final GpioServer server;

    SimulatedBoard(Path dir) throws IOException {
        bank.define(new GpioBank.Pin(17, "smoke-301", GpioBank.Direction.INPUT, false), true);
        bank.define(new GpioBank.Pin(18, "smoke-301-loop", GpioBank.Direction.INPUT, false), false);
        bank.define(new GpioBank.Pin(27, "siren-1", GpioBank.Direction.OUTPUT, true), false);
        bank.define(new GpioBank.Pin(22, "relay-1", GpioBank.Direction.OUTPUT, false), true);
        server = new GpioServer(bank, dir.resolve("gpio.sock"));
        System.setProperty(SOCKET_PROPERTY, server.socketPath().toString());
    }

    void smoke(boolean active) {
        bank.setActive("smoke-301", active, "test");
    }

    /** Opens (true) or closes the detector's supervision loop; closed pulls BCM 18 low. */
    void loopOpen(boolean open) {
        bank.set(18, open, "test");
    }

    boolean sirenSounding() {
        return bank.level(27);
    }

    long gatewayChangesOf(int pin) {
        return bank.history().stream().filter(c -> c.pin() == pin && c.by().equals("gateway")).count();
    }

    @Override
    public void close() {
        server.close();
        System.clearProperty(SOCKET_PROPERTY);
    }
}
