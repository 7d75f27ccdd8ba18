package dev.vigil.driver.nbiot.api;

/** A payload larger than one modem datagram may carry; nothing was sent. */
public final class DatagramTooLargeException extends ModemException {

    private final int size;

    public DatagramTooLargeException(String port, int size) {
        super("datagram of " + size + " bytes exceeds the NB-IoT modem's limit of " + NbIotModem.MAX_DATAGRAM_BYTES
                + " bytes per AT+NSOST (modem on " + port + "); nothing was sent, split or shorten the message");
        this.size = size;
    }

    public int size() {
        return size;
    }
}
