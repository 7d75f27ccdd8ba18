package dev.vigil.driver.nbiot;

/** An unsolicited result code the driver acts on. */
sealed interface Urc {

    /** {@code +NSONMI:<socket>,<length>}: a datagram arrived for the socket. */
    record DatagramArrived(int socket, int length) implements Urc {
    }

    /** {@code +NSOCLI:<socket>}: the modem closed the socket (e.g. registration lost). */
    record SocketClosed(int socket) implements Urc {
    }

    /** {@code +CEREG:<stat>[,...]}: registration changed (stat 1 home, 5 roaming = registered). */
    record Registration(int stat) implements Urc {
        boolean registered() {
            return stat == 1 || stat == 5;
        }
    }

    /** {@code +CSCON:<mode>}: RRC connection state (1 connected, 0 idle). */
    record Connection(boolean connected) implements Urc {
    }

    /** Any other URC the engine recognised by prefix but the driver ignores. */
    record Other(String text) implements Urc {
    }
}
