package dev.vigil.core.health;

import dev.vigil.core.alarm.ActiveAlarm;
import dev.vigil.core.outbox.OutboxStats;
import java.time.Instant;
import java.util.List;

/**
 * Everything the console, the CLI and the platform see of a gateway's health at one instant.
 *
 * @param outbox       the outbox's figures, or null if the outbox could not report them
 * @param activeAlarms alarms between RAISED and CLEARED
 */
public record GatewayHealth(
        String gatewayId,
        Instant at,
        ProcessHealth process,
        List<SensorHealth> sensors,
        List<DriverHealth> drivers,
        OutboxStats outbox,
        List<UplinkHealth> uplinks,
        List<ActiveAlarm> activeAlarms) {

    public GatewayHealth {
        sensors = List.copyOf(sensors);
        drivers = List.copyOf(drivers);
        uplinks = List.copyOf(uplinks);
        activeAlarms = List.copyOf(activeAlarms);
    }
}
