package dev.vigil.driver.modbus;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes device settings (e.g. a monitor's on-device alarm value) on one bus, for the engine or
 * the console. A write is checked against the slave's profile before it goes near the bus and is
 * queued ahead of the polls on the port's thread.
 */
public final class ModbusWrites {

    private final String busId;
    private final Map<Integer, DeviceProfile> profileBySlave;
    private final PortPoller poller;

    ModbusWrites(String busId, Map<Integer, DeviceProfile> profileBySlave, PortPoller poller) {
        this.busId = busId;
        this.profileBySlave = profileBySlave;
        this.poller = poller;
    }

    /**
     * Writes {@code value} (in the point's unit) to {@code point} of {@code slave}.
     *
     * @return completes when the slave confirmed the write; fails with {@link ModbusWriteException}
     *         when the slave refused it, did not answer or the bus is down
     * @throws ModbusWriteException at once when the slave or point is unknown, the point is
     *                              read-only or the value is outside its range
     */
    public CompletionStage<Void> write(int slave, String point, double value) {
        DeviceProfile profile = profileBySlave.get(slave);
        if (profile == null) {
            throw new ModbusWriteException("bus " + busId + " has no slave " + slave + " in the site file; known slaves: "
                    + new java.util.TreeSet<>(profileBySlave.keySet()));
        }
        PointSpec spec = profile.point(point).orElseThrow(() -> new ModbusWriteException("profile " + profile.name()
                + " of slave " + slave + " on bus " + busId + " has no point \"" + point + "\"; expected one of "
                + String.join(", ", profile.points().keySet())));
        String what = "write of " + value + " " + spec.unit() + " to slave " + slave + " point " + point + " on bus " + busId;
        if (!spec.writable()) {
            throw new ModbusWriteException(what + " refused: the point is read-only in profile " + profile.name() + " ("
                    + spec.where() + "; add access: rw there if the device allows writing it)");
        }
        if (!Double.isFinite(value) || spec.min() != null && value < spec.min() || spec.max() != null && value > spec.max()) {
            throw new ModbusWriteException(what + " refused: expected a value from " + spec.min() + " to " + spec.max()
                    + " " + spec.unit() + " (" + spec.where() + ")");
        }
        int places = spec.decimals() == null ? 0 : spec.decimals();
        double raw = spec.type() == DataType.FLOAT32 ? value / spec.scale() * Math.pow(10, places)
                : Math.round(value / spec.scale() * Math.pow(10, places) * 1e6) / 1e6;
        int[] registers = spec.type().encode(raw, spec.wordOrder()).orElseThrow(() -> new ModbusWriteException(what
                + " refused: the value does not fit a " + spec.type().siteName() + " register (" + spec.where() + ")"));
        CompletableFuture<Void> done = new CompletableFuture<>();
        poller.submit(new PortPoller.WriteJob(RtuRequest.write(slave, spec.register(), registers), what, done));
        return done;
    }
}
