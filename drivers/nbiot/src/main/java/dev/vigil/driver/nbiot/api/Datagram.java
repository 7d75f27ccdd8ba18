package dev.vigil.driver.nbiot.api;

import java.net.InetSocketAddress;

/**
 * A datagram received through the modem.
 *
 * @param source  where it came from, as the modem reported it
 * @param payload its bytes, reassembled when the modem handed it over in parts
 */
public record Datagram(InetSocketAddress source, byte[] payload) {

    public Datagram {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
