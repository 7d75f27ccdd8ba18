package dev.vigil.driver.modbus;

import java.time.Duration;
import java.util.List;

/**
 * One read request that serves one or more sensors of one slave.
 *
 * @param sensors the sensors whose registers lie inside {@code start .. start+count-1}
 */
public record PollBlock(int slave, int function, int start, int count, Duration interval, List<BoundSensor> sensors) {

    public PollBlock {
        sensors = List.copyOf(sensors);
    }

    public RtuRequest request() {
        return RtuRequest.read(slave, function, start, count);
    }

    @Override
    public String toString() {
        return String.format("slave %d FC%02d 0x%04X+%d every %s ms (%d sensors)", slave, function, start, count,
                interval.toMillis(), sensors.size());
    }
}
