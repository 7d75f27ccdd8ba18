package dev.vigil.driver.modbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coalesces the points one slave is polled for into as few read requests as possible: points read
 * with the same function and interval share a request when the registers between them number at
 * most {@code maxGap}, are all defined by the slave's profile (a device answers "illegal data
 * address" for holes in its map) and the request stays within 125 registers.
 */
public final class BlockPlanner {

    private BlockPlanner() {
    }

    public static List<PollBlock> plan(List<BoundSensor> sensors, int maxGap) {
        Map<String, List<BoundSensor>> groups = new LinkedHashMap<>();
        for (BoundSensor s : sensors) {
            groups.computeIfAbsent(s.slave() + "/" + s.point().function() + "/" + s.interval().toMillis(), k -> new ArrayList<>()).add(s);
        }
        List<PollBlock> blocks = new ArrayList<>();
        for (List<BoundSensor> group : groups.values()) {
            group.sort(Comparator.comparingInt((BoundSensor s) -> s.point().spanStart()).thenComparingInt(s -> s.point().spanEnd()));
            BoundSensor first = group.get(0);
            int slave = first.slave();
            int function = first.point().function();
            Duration interval = first.interval();
            DeviceProfile profile = first.profile();
            int start = first.point().spanStart();
            int end = first.point().spanEnd();
            List<BoundSensor> members = new ArrayList<>(List.of(first));
            for (BoundSensor s : group.subList(1, group.size())) {
                int nextStart = s.point().spanStart();
                int nextEnd = Math.max(end, s.point().spanEnd());
                boolean fits = nextEnd - start + 1 <= RtuRequest.MAX_READ;
                boolean bridgeable = nextStart <= end + 1
                        || (nextStart - end - 1 <= maxGap && definesAll(profile, function, end + 1, nextStart - 1));
                if (fits && bridgeable) {
                    end = nextEnd;
                    members.add(s);
                } else {
                    blocks.add(new PollBlock(slave, function, start, end - start + 1, interval, members));
                    start = nextStart;
                    end = s.point().spanEnd();
                    members = new ArrayList<>(List.of(s));
                }
            }
            blocks.add(new PollBlock(slave, function, start, end - start + 1, interval, members));
        }
        return blocks;
    }

    private static boolean definesAll(DeviceProfile profile, int function, int from, int to) {
        for (int r = from; r <= to; r++) {
            if (!profile.defines(function, r)) {
                return false;
            }
        }
        return true;
    }
}
