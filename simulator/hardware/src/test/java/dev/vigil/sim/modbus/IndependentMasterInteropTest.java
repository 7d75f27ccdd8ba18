package dev.vigil.sim.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.sim.device.LoopFault;
import dev.vigil.sim.device.LoopKind;
import dev.vigil.sim.device.PressureLevelTransmitter;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.pty.PseudoTerminal;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated slaves read by Modbus masters that share no code with Vigil: mbpoll and a small
 * program on libmodbus, both from Debian. Each test skips, naming what is missing, when its tool is absent.
 */
class IndependentMasterInteropTest {
    private static final String MBPOLL = "/usr/bin/mbpoll";
    private static final String GCC = "/usr/bin/gcc";
    private static final Path LIBMODBUS_HEADER = Path.of("/usr/include/modbus/modbus.h");

    @TempDir
    Path dir;

    private RtuBus bus;
    private final ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm-3f", 1, Duration.ofMillis(2),
            List.of(LoopKind.RESIDUAL_CURRENT, LoopKind.TEMPERATURE, LoopKind.TEMPERATURE, LoopKind.TEMPERATURE,
                    LoopKind.RESIDUAL_CURRENT, LoopKind.RESIDUAL_CURRENT));
    private final PressureLevelTransmitter level = new PressureLevelTransmitter("pit", 2, Duration.ofMillis(2), 9600);

    @BeforeEach
    void wireUp() throws Exception {
        rcm.setSource(1, () -> 512);
        rcm.setSource(2, () -> 61.2);
        rcm.setSource(3, () -> -4.5);
        rcm.setSource(5, () -> 140);
        rcm.setFault(6, LoopFault.SHORT);
        level.setSource(() -> 87.6);
        bus = new RtuBus("rs485-1", PseudoTerminal.open(dir.resolve("ports/rs485-1")), SerialFraming.of(9600, "8E1"), new Random(1))
                .attach(rcm).attach(level).start();
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    @Test
    void mbpoll_reads_holding_and_input_registers_and_writes_an_alarm_value() throws Exception {
        assumeTrue(ExternalProgram.executable(MBPOLL), "mbpoll not installed at " + MBPOLL + " (Debian package mbpoll)");
        String port = bus.port().link().toString();

        var read = ExternalProgram.run(List.of(MBPOLL, "-m", "rtu", "-b", "9600", "-P", "even", "-a", "1", "-0", "-1",
                "-o", "1", "-t", "4:hex", "-r", "74", "-c", "7", port), 15);
        assertEquals(0, read.exitCode(), read.output());
        // 512 mA, 61.2 degC, -4.5 degC, 25.0 degC, 140 mA, short, unused
        assertRegisters(read.output(), 74, "0x0200", "0x0264", "0xFFD3", "0x00FA", "0x008C", "0xE5E5", "0x0000");

        var input = ExternalProgram.run(List.of(MBPOLL, "-m", "rtu", "-b", "9600", "-P", "even", "-a", "2", "-0", "-1",
                "-o", "1", "-t", "3", "-r", "2", "-c", "3", port), 15);
        assertEquals(0, input.exitCode(), input.output());
        assertRegisters(input.output(), 2, "7", "3", "876");

        var write = ExternalProgram.run(List.of(MBPOLL, "-m", "rtu", "-b", "9600", "-P", "even", "-a", "1", "-0", "-1",
                "-o", "1", "-t", "4", "-r", "86", port, "450"), 15);
        assertEquals(0, write.exitCode(), write.output());
        assertEquals(450, rcm.readHolding(0x0056));

        var bad = ExternalProgram.run(List.of(MBPOLL, "-m", "rtu", "-b", "9600", "-P", "even", "-a", "1", "-0", "-1",
                "-o", "1", "-t", "4", "-r", "256", port), 15);
        assertTrue(bad.output().toLowerCase().contains("illegal data address"), bad.output());
    }

    @Test
    void a_libmodbus_master_reads_writes_and_sees_exceptions_and_silence() throws Exception {
        assumeTrue(ExternalProgram.executable(GCC), "gcc not installed at " + GCC);
        assumeTrue(Files.exists(LIBMODBUS_HEADER), "libmodbus headers missing at " + LIBMODBUS_HEADER + " (Debian package libmodbus-dev)");
        Path source = dir.resolve("libmodbus_master.c");
        try (InputStream in = getClass().getResourceAsStream("/interop/libmodbus_master.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("libmodbus_master");
        var cc = ExternalProgram.run(List.of(GCC, "-std=c99", "-Wall", "-o", binary.toString(), source.toString(),
                "-I/usr/include/modbus", "-lmodbus"), 60);
        assumeTrue(cc.exitCode() == 0, "cannot build the libmodbus master: " + cc.output());

        var run = ExternalProgram.run(List.of(binary.toString(), bus.port().link().toString(), "9600", "E"), 20);
        assertEquals(0, run.exitCode(), run.output());
        List<String> lines = run.output().lines().toList();
        assertEquals(List.of(
                "fc03 slave=1 start=0x004a 512 612 65491 250 140 58853 0 0 0 0",
                "fc06 slave=1 0x0056=450 ok",
                "fc16 slave=1 0x0057=600,900 ok",
                "fc03 slave=1 0x0100 exception EMBXILADD",
                "fc04 slave=2 start=0x0002 7 3 876",
                "fc03 slave=42 ETIMEDOUT"), lines);
        assertEquals(450, rcm.readHolding(0x0056));
        assertEquals(600, rcm.readHolding(0x0057));
        assertEquals(900, rcm.readHolding(0x0058));
    }

    private static void assertRegisters(String mbpollOutput, int firstRef, String... expected) {
        for (int i = 0; i < expected.length; i++) {
            String line = "[" + (firstRef + i) + "]:";
            String found = mbpollOutput.lines().filter(l -> l.trim().startsWith(line)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + line + " in mbpoll output:\n" + mbpollOutput));
            assertEquals(expected[i], found.trim().substring(line.length()).trim(), "register " + (firstRef + i));
        }
    }
}
