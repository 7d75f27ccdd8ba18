package dev.vigil.uplink.mqtt;

import dev.vigil.core.outbox.Lane;

/** The topic tree of one gateway: {@code <prefix>/<gatewayId>/{alarm,telemetry,status,health}}. */
record Topics(String alarm, String telemetry, String status, String health) {

    static Topics of(String prefix, String gatewayId) {
        String base = prefix + "/" + gatewayId + "/";
        return new Topics(base + "alarm", base + "telemetry", base + "status", base + "health");
    }

    String of(Lane lane) {
        return lane == Lane.ALARM ? alarm : telemetry;
    }
}
