package dev.vigil.core.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole, validated site file: one gateway, its uplinks, buses and sensors.
 *
 * @param gatewayId unique id of this gateway on the platform, used in topics and alarm ids
 * @param site      the site's name (the first part of every {@link dev.vigil.core.model.Place})
 * @param outputActions the sensors' local actions on outputs (siren, relay), see docs/gpio.md
 * @param source    the file it was read from
 */
public record SiteConfig(
        String gatewayId,
        String site,
        List<UplinkConfig> uplinks,
        OutboxConfig outbox,
        TelemetryConfig telemetry,
        List<BusConfig> buses,
        List<SensorConfig> sensors,
        List<OutputAction> outputActions,
        String source) {

    /** A site without local output actions. */
    public SiteConfig(String gatewayId, String site, List<UplinkConfig> uplinks, OutboxConfig outbox,
            TelemetryConfig telemetry, List<BusConfig> buses, List<SensorConfig> sensors, String source) {
        this(gatewayId, site, uplinks, outbox, telemetry, buses, sensors, List.of(), source);
    }

    public SiteConfig {
        outputActions = List.copyOf(outputActions);
        uplinks = List.copyOf(uplinks);
        buses = List.copyOf(buses);
        sensors = List.copyOf(sensors);
    }

    public Optional<SensorConfig> sensor(String id) {
        return sensors.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public List<SensorConfig> sensorsOn(String busId) {
        return sensors.stream().filter(s -> s.bus().equals(busId)).toList();
    }
}
