package dev.vigil.driver.nbiot.api;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** A UDP socket on an NB-IoT modem (AT+NSOCR / NSOST / NSORF / NSOCL). Do not implement. */
public interface ModemUdpSocket extends AutoCloseable {

    /**
     * Sends one datagram. The stage completes when the modem accepted it for sending (UDP: not
     * that it arrived), exceptionally with {@link DatagramTooLargeException} beyond
     * {@link NbIotModem#MAX_DATAGRAM_BYTES} (at once), or a {@link ModemException} when the modem
     * is not registered, refused it, or did not answer in time. It always completes.
     *
     * @param target an IPv4 address and port (the modem does no name lookup)
     */
    CompletionStage<Void> send(InetSocketAddress target, byte[] payload);

    /** The local port asked for (0 = any). */
    int localPort();

    /** Closes the socket on the modem (best effort) and stops delivering datagrams. Idempotent. */
    @Override
    void close();
}
