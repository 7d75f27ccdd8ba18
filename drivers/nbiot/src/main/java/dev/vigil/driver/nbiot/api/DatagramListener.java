package dev.vigil.driver.nbiot.api;

/** Receives the datagrams of one modem socket. Runs on the modem's thread: return fast. */
@FunctionalInterface
public interface DatagramListener {
    void received(Datagram datagram);
}
