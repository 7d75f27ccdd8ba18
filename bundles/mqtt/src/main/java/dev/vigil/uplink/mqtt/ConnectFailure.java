package dev.vigil.uplink.mqtt;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Turns what Paho threw into a stable health detail and a short human reason. */
record ConnectFailure(String detail, String reason) {

    static ConnectFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ConnectFailure("TLS_ERROR", "TLS handshake failed: " + t.getMessage());
            }
            if (t instanceof UnknownHostException) {
                return new ConnectFailure("UNKNOWN_HOST", "unknown host " + t.getMessage());
            }
            if (t instanceof ConnectException) {
                return new ConnectFailure("CONNECTION_REFUSED", "connection refused");
            }
            if (t instanceof NoRouteToHostException) {
                return new ConnectFailure("UNREACHABLE", "no route to host");
            }
            if (t instanceof SocketTimeoutException) {
                return new ConnectFailure("TIMEOUT", "timed out");
            }
        }
        if (failure instanceof MqttException e) {
            return switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> new ConnectFailure("BAD_CREDENTIALS",
                        "broker refused the user name or password");
                case MqttException.REASON_CODE_NOT_AUTHORIZED -> new ConnectFailure("NOT_AUTHORIZED",
                        "broker refused this client (not authorized)");
                case MqttException.REASON_CODE_INVALID_CLIENT_ID -> new ConnectFailure("BROKER_REFUSED",
                        "broker refused the client id");
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> new ConnectFailure("BROKER_REFUSED",
                        "broker says it is unavailable");
                case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> new ConnectFailure("PROTOCOL_ERROR",
                        "broker does not speak MQTT 3.1.1");
                case MqttException.REASON_CODE_CLIENT_TIMEOUT -> new ConnectFailure("TIMEOUT", "timed out");
                case MqttException.REASON_CODE_CONNECTION_LOST -> new ConnectFailure("CONNECTION_LOST",
                        "connection closed by the broker or the network");
                default -> new ConnectFailure("CONNECT_FAILED", e.getMessage() + " (Paho reason " + e.getReasonCode() + ")");
            };
        }
        return new ConnectFailure("CONNECT_FAILED", String.valueOf(failure));
    }
}
