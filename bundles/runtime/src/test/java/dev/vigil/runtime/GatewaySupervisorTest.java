package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.spi.DriverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's decisions, driven by calling {@code poll()} directly (no waiting on the
 * 2 s watcher) with a fake engine.
 */
class GatewaySupervisorTest {

    @TempDir
    Path dir;

    private Path site;
    private FakeEngine engine;
    private GatewaySupervisor supervisor;
    private long writes;

    @BeforeEach
    void setUp() {
        site = dir.resolve("site.txt");
        engine = new FakeEngine();
        supervisor = new GatewaySupervisor(site, engine, Executors.newSingleThreadScheduledExecutor(),
                Duration.ofHours(1), Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
    }

    @Test
    void startsTheGatewayWhenTheSiteFileIsValidAndItsTypesAreInstalled() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");

        supervisor.poll();

        assertTrue(supervisor.isRunning());
        assertEquals("a", supervisor.runningConfig().gatewayId());
    }

    @Test
    void aValidChangeRestartsTheGatewayWithTheNewConfig() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        write("gateway=b", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        assertEquals("b", supervisor.runningConfig().gatewayId());
        assertEquals(1, engine.stopped.size(), "the old gateway was stopped");
        assertEquals("a", engine.stopped.get(0).gatewayId());
    }

    @Test
    void anUnchangedFileDoesNotRestartTheGateway() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();
        supervisor.poll();

        write("gateway=a", "driver=simulated", "uplink=mqtt"); // rewritten, same content
        supervisor.poll();

        assertEquals(1, engine.started.size());
    }

    @Test
    void aBrokenChangeIsRefusedAndTheLastGoodConfigKeepsRunning() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        write("gateway=b", "broken");
        supervisor.poll();

        assertTrue(supervisor.isRunning());
        assertEquals("a", supervisor.runningConfig().gatewayId());
        assertEquals(1, engine.started.size(), "not restarted");
        assertTrue(engine.stopped.isEmpty());
    }

    @Test
    void optionsTheFactoriesRefuseKeepTheLastGoodConfigRunning() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        write("gateway=b", "driver=simulated", "uplink=mqtt", "bad-options");
        supervisor.poll();

        assertEquals("a", supervisor.runningConfig().gatewayId());
        assertEquals(1, engine.started.size());
    }

    @Test
    void aBrokenFirstFileStartsNothingUntilItIsFixed() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "broken");
        supervisor.poll();
        assertFalse(supervisor.isRunning());

        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        assertTrue(supervisor.isRunning());
    }

    @Test
    void aMissingDriverTypeKeepsTheGatewayDownUntilItsFactoryAppears() throws IOException {
        supervisor.uplinkFactoryAdded(Factories.uplink("mqtt"));
        write("gateway=a", "driver=modbus-rtu", "uplink=mqtt");
        supervisor.poll();
        assertFalse(supervisor.isRunning());

        supervisor.driverFactoryAdded(Factories.driver("modbus-rtu"));

        assertTrue(supervisor.isRunning());
        assertEquals("a", supervisor.runningConfig().gatewayId());
    }

    @Test
    void aChangeNeedingAMissingTypeKeepsThePreviousConfigRunning() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        write("gateway=b", "driver=gpio", "uplink=mqtt");
        supervisor.poll();
        assertEquals("a", supervisor.runningConfig().gatewayId());

        supervisor.driverFactoryAdded(Factories.driver("gpio"));
        assertEquals("b", supervisor.runningConfig().gatewayId());
    }

    @Test
    void theGatewayStopsWhenItsFactoryLeavesAndRestartsWhenOneIsBack() throws IOException {
        DriverFactory simulated = Factories.driver("simulated");
        supervisor.driverFactoryAdded(simulated);
        supervisor.uplinkFactoryAdded(Factories.uplink("mqtt"));
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        supervisor.driverFactoryRemoved(simulated);
        assertFalse(supervisor.isRunning(), "a gateway never outlives a factory it was built with");
        assertNull(supervisor.runningConfig());

        supervisor.driverFactoryAdded(Factories.driver("simulated"));
        assertTrue(supervisor.isRunning());
        assertEquals(2, engine.started.size());
    }

    @Test
    void anUnrelatedFactoryLeavingDoesNotRestartTheGateway() throws IOException {
        installMqttAndSimulated();
        DriverFactory gpio = Factories.driver("gpio");
        supervisor.driverFactoryAdded(gpio);
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        supervisor.driverFactoryRemoved(gpio);

        assertEquals(1, engine.started.size());
        assertTrue(engine.stopped.isEmpty());
    }

    @Test
    void eachGatewayClosesItsOutboxBeforeTheNextOneOpensIt() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();
        write("gateway=b", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        assertEquals(2, engine.opened.size());
        assertEquals(1, engine.closed.size(), "the first gateway's outbox was closed before the second opened it");

        supervisor.close();
        assertEquals(2, engine.closed.size());
    }

    @Test
    void aGatewayThatFailedToStartIsStartedAgainLater() throws Exception {
        installMqttAndSimulated();
        engine.failingStarts.set(2);
        write("gateway=a", "driver=simulated", "uplink=mqtt");

        supervisor.poll();
        assertFalse(supervisor.isRunning());

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!supervisor.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(supervisor.isRunning(), "started on the third attempt, without a change to the site file");
        assertEquals(1, engine.started.size());
    }

    @Test
    void aDeletedSiteFileIsRefusedAndTheGatewayKeepsRunning() throws IOException {
        installMqttAndSimulated();
        write("gateway=a", "driver=simulated", "uplink=mqtt");
        supervisor.poll();

        Files.delete(site);
        supervisor.poll();

        assertTrue(supervisor.isRunning());
    }

    private void installMqttAndSimulated() {
        supervisor.driverFactoryAdded(Factories.driver("simulated"));
        supervisor.uplinkFactoryAdded(Factories.uplink("mqtt"));
    }

    /** Writes the file with a fresh modification time, so the watcher sees every write. */
    private void write(String... lines) throws IOException {
        Files.write(site, java.util.List.of(lines));
        Files.setLastModifiedTime(site, FileTime.fromMillis(1_000_000_000_000L + 1000 * ++writes));
    }
}
