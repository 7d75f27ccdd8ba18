package dev.vigil.driver.nbiot;

import dev.vigil.driver.nbiot.api.DatagramListener;
import dev.vigil.driver.nbiot.api.ModemUdpSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * A socket as the API user holds it. Its number on the modem changes when the modem closed it
 * (registration lost) and the driver reopened it; -1 while it does not exist on the modem.
 */
final class ModemSocket implements ModemUdpSocket {

    private final NbIotDriver driver;
    private final int localPort;
    private final DatagramListener listener;
    private volatile int modemNumber = -1;
    private volatile boolean closed;

    ModemSocket(NbIotDriver driver, int localPort, DatagramListener listener) {
        this.driver = driver;
        this.localPort = localPort;
        this.listener = listener;
    }

    @Override
    public CompletionStage<Void> send(InetSocketAddress target, byte[] payload) {
        return driver.send(this, target, payload);
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            driver.close(this);
        }
    }

    DatagramListener listener() {
        return listener;
    }

    int modemNumber() {
        return modemNumber;
    }

    void modemNumber(int n) {
        modemNumber = n;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "modem socket " + (modemNumber < 0 ? "(not open)" : modemNumber) + " local port " + localPort;
    }
}
