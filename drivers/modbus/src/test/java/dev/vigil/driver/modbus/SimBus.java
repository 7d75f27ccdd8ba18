package dev.vigil.driver.modbus;

import dev.vigil.sim.modbus.BusEvent;
import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RtuBus;
import dev.vigil.sim.modbus.SerialFraming;
import dev.vigil.sim.pty.PseudoTerminal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helper: a simulated RS-485 segment on a real pseudo-terminal, recording what crossed it. */
final class SimBus implements AutoCloseable {

    final RtuBus bus;
    final List<BusEvent> events = new CopyOnWriteArrayList<>();

    SimBus(Path dir, String id, int baud, String format, ModbusDevice... devices) throws IOException {
        bus = new RtuBus(id, PseudoTerminal.open(dir.resolve(id)), SerialFraming.of(baud, format), new Random(7));
        for (ModbusDevice d : devices) {
            bus.attach(d);
        }
        bus.addObserver(events::add);
        bus.start();
    }

    String path() {
        return bus.port().link().toString();
    }

    long answeredBy(int address) {
        return events.stream().filter(e -> e.address() == address && e.outcome() == BusEvent.Outcome.ANSWERED).count();
    }

    long requestsTo(int address) {
        return events.stream().filter(e -> e.address() == address).count();
    }

    @Override
    public void close() {
        bus.close();
    }
}
