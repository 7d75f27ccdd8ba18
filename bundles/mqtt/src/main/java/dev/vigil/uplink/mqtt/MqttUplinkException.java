package dev.vigil.uplink.mqtt;

/** A publish that did not reach the broker: not connected, refused, timed out or cut off. The message names broker and topic. */
public class MqttUplinkException extends RuntimeException {

    public MqttUplinkException(String message) {
        super(message);
    }

    public MqttUplinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
