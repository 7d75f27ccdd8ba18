package dev.vigil.sim.scenario;

import dev.vigil.sim.device.LoopKind;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.gpio.GpioBank;
import dev.vigil.sim.modbus.ModbusDevice;
import dev.vigil.sim.modbus.RtuBus;
import dev.vigil.sim.modem.NbIotModem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;

/** Prints the port and pin map of a running site: what a site file needs to reach the virtual hardware. */
final class PortMap {
    private PortMap() {
    }

    static void print(PrintStream to, Scenario scenario, Collection<RtuBus> buses, Collection<NbIotModem> modems, Path gpioSocket,
            GpioBank gpio, int actions) {
        to.println("Vigil simulator: scenario '" + scenario.name() + "' (seed " + scenario.seed() + ")");
        to.println("Port and pin map for the site file:");
        for (RtuBus b : buses) {
            to.printf("  bus %-12s port %s  (%s, %s)%n", b.id(), b.port().link(), b.framing(), b.port().slavePath());
            for (ModbusDevice d : b.devices()) {
                to.printf("    slave %3d  %-16s %s%n", d.address(), d.id(), d.type() + loopsOf(d));
            }
        }
        for (NbIotModem m : modems) {
            Scenario.Modem spec = scenario.modems().stream().filter(x -> x.id().equals(m.id())).findFirst().orElseThrow();
            to.printf("  modem %-10s port %s  (%d 8N1, IMEI %s, ICCID %s, UDP relayed to 127.0.0.1)%n", m.id(), m.port().link(),
                    spec.baud(), spec.imei(), spec.iccid());
        }
        if (gpioSocket != null) {
            to.printf("  gpio socket %s  (Pi4J providers vigil-sim-digital-input/-output, -Dvigil.sim.gpio.socket=%s)%n", gpioSocket,
                    gpioSocket);
            for (GpioBank.Pin p : gpio.pins()) {
                to.printf("    GPIO %2d  %-16s %s, active %s%n", p.number(), p.id(), p.direction().name().toLowerCase(),
                        p.activeHigh() ? "high" : "low");
            }
        }
        to.printf("Timeline: %d action(s)%n", actions);
        to.flush();
    }

    private static String loopsOf(ModbusDevice d) {
        if (!(d instanceof ResidualCurrentMonitor rcm)) {
            return "";
        }
        StringBuilder sb = new StringBuilder("  loops:");
        for (int i = 1; i <= ResidualCurrentMonitor.LOOPS; i++) {
            if (rcm.kind(i) != LoopKind.UNUSED) {
                sb.append(' ').append(i).append('=').append(rcm.kind(i) == LoopKind.RESIDUAL_CURRENT ? "mA" : "degC");
            }
        }
        return sb.toString();
    }
}
