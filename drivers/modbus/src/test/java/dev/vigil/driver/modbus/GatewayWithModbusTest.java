package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.engine.Gateway;
import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.health.GatewayHealth;
import dev.vigil.core.health.SensorHealth;
import dev.vigil.core.health.SensorState;
import dev.vigil.core.health.UplinkHealth;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.spi.Uplink;
import dev.vigil.core.spi.UplinkFactory;
import dev.vigil.sim.device.ResidualCurrentMonitor;
import dev.vigil.sim.device.UltrasonicLevelMeter;
import dev.vigil.sim.modbus.SlaveBehaviour;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine with the modbus-rtu driver on the simulator: good values arrive with their units,
 * and a silent slave's sensor goes OFFLINE through the engine's own rule.
 */
class GatewayWithModbusTest {

    @TempDir
    Path dir;

    @Test
    void the_engine_sees_good_values_and_takes_a_silent_slaves_sensor_offline() throws Exception {
        ResidualCurrentMonitor rcm = new ResidualCurrentMonitor("rcm", 1, Duration.ofMillis(2));
        rcm.setSource(1, () -> 210.0);
        UltrasonicLevelMeter level = new UltrasonicLevelMeter("level", 2, Duration.ofMillis(2), 3000);
        level.setBehaviour(SlaveBehaviour.SILENT);
        try (SimBus sim = new SimBus(dir, "rs485-1", 19200, "8E1", rcm, level)) {
            SiteConfig config = Sites.parse(Sites.write(dir, """
                    buses:
                      - {id: rs485-1, driver: modbus-rtu, port: %s, baud: 19200, timeout: 50ms, pollInterval: 200ms, profilesDir: %s}
                    sensors:
                      - {id: rc-1, type: residual-current, bus: rs485-1, place: {room: board}, expectedInterval: 1s,
                         address: {slave: 1, profile: acrel-aim-r100, point: loop1.current}}
                      - {id: wl-1, type: water-depth, bus: rs485-1, place: {point: underpass}, expectedInterval: 1s,
                         rules: {faults: {offlineAfter: 2s}},
                         address: {slave: 2, profile: ultrasonic-level, point: depth, mountHeightCm: 300}}
                    """.formatted(sim.path(), Sites.PROFILES)));
            List<ConfigProblem> problems = Sites.validate(dir.resolve("site.yaml"));
            assertEquals(List.of(), problems);
            try (MapDbOutbox outbox = MapDbOutbox.open(config.outbox(), Clock.systemUTC());
                    Gateway gateway = new Gateway(config, outbox, Map.of("modbus-rtu", new ModbusRtuDriverFactory()),
                            Map.of("mqtt", new OfflineUplinkFactory()), Clock.systemUTC())) {
                gateway.start();
                Readings.await(Duration.ofSeconds(15), () -> state(gateway.health(), "wl-1") == SensorState.OFFLINE
                        && state(gateway.health(), "rc-1") == SensorState.OK, () -> "rc-1 OK and wl-1 OFFLINE: " + gateway.health().sensors());
                SensorHealth rc = sensor(gateway.health(), "rc-1");
                assertEquals(210.0, rc.lastValue(), 1e-9);
                assertTrue(rc.goodCount() > 0);
                DriverHealth bus = gateway.health().drivers().get(0);
                assertEquals("modbus-rtu", bus.driver());
                assertEquals(ComponentStatus.Status.OFFLINE, bus.devices().get("slave 2").status(), bus.toString());
                assertEquals(ComponentStatus.Status.ONLINE, bus.devices().get("slave 1").status(), bus.toString());
            }
        }
    }

    private static SensorState state(GatewayHealth health, String id) {
        SensorHealth s = sensor(health, id);
        return s == null ? null : s.state();
    }

    private static SensorHealth sensor(GatewayHealth health, String id) {
        return health.sensors().stream().filter(s -> s.sensorId().equals(id)).findFirst().orElse(null);
    }

    /** An uplink that never connects: this test is about the southbound side. */
    private static final class OfflineUplinkFactory implements UplinkFactory {
        @Override
        public String type() {
            return "mqtt";
        }

        @Override
        public List<ConfigProblem> validate(UplinkConfig config) {
            return List.of();
        }

        @Override
        public Uplink create(UplinkConfig config, String gatewayId) {
            return new Uplink() {
                @Override
                public String id() {
                    return config.id();
                }

                @Override
                public void start() {
                }

                @Override
                public void stop() {
                }

                @Override
                public boolean isConnected() {
                    return false;
                }

                @Override
                public CompletionStage<Void> publish(OutboxEntry entry) {
                    return CompletableFuture.failedFuture(new IllegalStateException("offline"));
                }

                @Override
                public void publishHealth(byte[] payload) {
                }

                @Override
                public UplinkHealth health() {
                    return new UplinkHealth(config.id(), "mqtt", ComponentStatus.offline("TEST", "never connects"), null, 0, 0);
                }
            };
        }
    }
}
