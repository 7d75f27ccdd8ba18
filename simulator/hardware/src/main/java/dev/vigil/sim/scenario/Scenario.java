package dev.vigil.sim.scenario;

import dev.vigil.sim.device.LoopKind;
import dev.vigil.sim.gpio.GpioBank;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A parsed, validated scenario file: the virtual hardware and the timeline of events and faults. */
public record Scenario(String name, long seed, List<Bus> buses, List<Modem> modems, List<Pin> pins,
        List<FloodPoint> floodPoints, List<Circuit> circuits, List<Entry> timeline) {

    public record Bus(String id, int baud, String format, List<Device> devices, String where) {
    }

    /** One Modbus slave; the fields a type does not use stay at their defaults. */
    public record Device(String id, String type, int address, int turnaroundMs, String floodPoint, String circuit,
            int mountHeightMm, int ratedAmps, List<Loop> loops, String where) {
    }

    /** One loop of an acrel-aim-r100: residual-current or temperature, following a circuit's load. */
    public record Loop(LoopKind kind, double baselineMa, String circuit, double ambient, double riseAtRated, double tauSeconds) {
    }

    public record Modem(String id, int baud, String imei, String iccid, int csq, String where) {
    }

    public record Pin(int number, String id, GpioBank.Direction direction, boolean activeHigh, String where) {
    }

    public record FloodPoint(String id, double initialCm, double catchment, double drainCmPerHour, double noiseCm) {
    }

    public record Circuit(String id, double load) {
    }

    /**
     * One timeline entry: {@code event} on {@code target} at {@code at}; with a {@code duration}
     * the effect is undone when it ends.
     */
    public record Entry(Duration at, Duration duration, String event, String target, Map<String, String> params, String where) {
        public String param(String key, String fallback) {
            return params.getOrDefault(key, fallback);
        }
    }
}
