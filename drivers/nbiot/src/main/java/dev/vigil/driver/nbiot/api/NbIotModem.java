package dev.vigil.driver.nbiot.api;

import java.util.concurrent.CompletionStage;

/** One NB-IoT modem a driver runs (one {@code nbiot} bus in the site file). Do not implement. */
public interface NbIotModem {

    /** The largest payload one datagram may carry (BC28/BC95: 1358 bytes). */
    int MAX_DATAGRAM_BYTES = 1358;

    /** The bus id from the site file. */
    String busId();

    /** Whether the modem is registered, attached and answering now. */
    boolean isOnline();

    /**
     * Opens a UDP socket on the modem. The stage completes when the modem created it (waiting for
     * bring-up if needed), exceptionally with a {@link ModemException} if it could not. The socket
     * survives registration loss: the driver reopens it on the modem after re-attaching.
     *
     * @param localPort the local port, 0 for any
     * @param listener  receives every datagram that arrives for the socket, on the modem's thread
     */
    CompletionStage<ModemUdpSocket> openUdpSocket(int localPort, DatagramListener listener);
}
