package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockPlannerTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** A profile defining registers 0..199 except 50..59 (a hole, as real maps have). */
    private static final DeviceProfile PROFILE = profile();

    private static DeviceProfile profile() {
        Map<String, PointSpec> points = new LinkedHashMap<>();
        for (int r = 0; r < 200; r++) {
            if (r < 50 || r > 59) {
                points.put("r" + r, spec("r" + r, r));
            }
        }
        return new DeviceProfile("test", "", points, new SourceRef("test.yaml", 1));
    }

    private static PointSpec spec(String name, int register) {
        return new PointSpec(name, register, 3, DataType.U16, DataType.WordOrder.HIGH_FIRST, 1, null, null, null, null, "A",
                Quantity.PHASE_CURRENT, false, null, null, Map.of(), new SourceRef("test.yaml", 2));
    }

    private static BoundSensor sensor(int slave, int register, Duration interval) {
        return new BoundSensor("s" + slave + "-" + register, Quantity.PHASE_CURRENT, slave, PROFILE, PROFILE.point("r" + register).orElseThrow(),
                Map.of(), interval, SourceRef.UNKNOWN);
    }

    private static List<String> plan(int maxGap, BoundSensor... sensors) {
        return BlockPlanner.plan(List.of(sensors), maxGap).stream().map(b -> b.slave() + ":" + b.start() + "+" + b.count()).toList();
    }

    @Test
    void adjacent_and_near_registers_share_a_request() {
        assertEquals(List.of("1:0+4"), plan(0, sensor(1, 3, SECOND), sensor(1, 0, SECOND), sensor(1, 1, SECOND), sensor(1, 2, SECOND)));
        assertEquals(List.of("1:0+9"), plan(8, sensor(1, 0, SECOND), sensor(1, 8, SECOND)));
        assertEquals(List.of("1:0+1", "1:10+1"), plan(8, sensor(1, 0, SECOND), sensor(1, 10, SECOND)));
    }

    @Test
    void slaves_and_intervals_are_never_mixed() {
        assertEquals(List.of("1:0+1", "2:1+1"), plan(8, sensor(1, 0, SECOND), sensor(2, 1, SECOND)));
        assertEquals(List.of("1:0+1", "1:1+1"), plan(8, sensor(1, 0, SECOND), sensor(1, 1, Duration.ofSeconds(5))));
    }

    @Test
    void a_hole_in_the_map_is_not_bridged() {
        assertEquals(List.of("1:49+1", "1:60+1"), plan(20, sensor(1, 49, SECOND), sensor(1, 60, SECOND)));
    }

    @Test
    void a_request_stays_within_125_registers() {
        List<BoundSensor> all = new ArrayList<>();
        for (int r = 60; r < 200; r++) {
            all.add(sensor(1, r, SECOND));
        }
        List<PollBlock> blocks = BlockPlanner.plan(all, 0);
        assertEquals(List.of(125, 15), blocks.stream().map(PollBlock::count).toList());
        assertEquals(140, blocks.stream().mapToInt(b -> b.sensors().size()).sum());
    }
}
