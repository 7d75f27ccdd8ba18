package dev.vigil.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Site files for the integration tests: one simulated residual-current sensor, one MQTT uplink. */
final class SiteFiles {

    static final String SITE = "IT Site";
    static final String BUILDING = "B1";
    static final String FLOOR = "1F";
    static final String ROOM = "101";
    static final String SENSOR = "rc-b1-101";

    private SiteFiles() {
    }

    /**
     * A residual current that alternates between 100 mA and 600 mA (period {@code period}), read
     * every {@code every}, with one non-latching alarm level at 500 mA: it raises and clears an
     * alarm every half period for as long as the gateway runs.
     */
    static Path squareWave(Path dir, String gatewayId, int brokerPort, String every, String period)
            throws IOException {
        Files.createDirectories(dir);
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, """
                gateway:
                  id: %s
                  site: %s
                uplinks:
                  - id: platform
                    type: mqtt
                    url: tcp://127.0.0.1:%d
                    connectTimeout: 2s
                    publishTimeout: 2s
                outbox:
                  dir: %s
                telemetry:
                  batchMaxReadings: 20
                  batchMaxAge: 1s
                buses:
                  - id: sim-1
                    driver: simulated
                sensors:
                  - id: %s
                    type: residual-current
                    bus: sim-1
                    address: {every: %s, signal: square 100 600 %s}
                    place: {building: %s, floor: %s, room: "%s"}
                    expectedInterval: 2s
                    rules:
                      levels:
                        - {name: alarm, severity: ALARM, raiseAt: 500, clearAt: 400, onDelay: 0s, offDelay: 0s, latching: false}
                """.formatted(gatewayId, SITE, brokerPort, dir.resolve("outbox"), SENSOR, every, period, BUILDING, FLOOR,
                ROOM));
        return site;
    }
}
