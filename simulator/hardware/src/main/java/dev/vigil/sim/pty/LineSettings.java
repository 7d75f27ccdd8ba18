package dev.vigil.sim.pty;

/**
 * The serial settings a program put on the slave side of a pty (baud, data bits, parity, stop
 * bits). The pty ignores them, but they tell the simulator whether the gateway opened the port
 * the way the simulated bus runs.
 *
 * @param baud   the baud rate, or -1 when the speed code is not a standard rate
 * @param parity 'N', 'E' or 'O'
 */
public record LineSettings(int baud, int dataBits, char parity, int stopBits) {

    private static final int[][] SPEEDS = {
        {0x7, 300}, {0x9, 1200}, {0xB, 2400}, {0xC, 4800}, {0xD, 9600}, {0xE, 19200}, {0xF, 38400},
        {0x1001, 57600}, {0x1002, 115200}, {0x1003, 230400}, {0x1004, 460800}, {0x1005, 500000}, {0x1006, 576000},
        {0x1007, 921600},
    };

    static int baudOf(int speedCode) {
        for (int[] s : SPEEDS) {
            if (s[0] == speedCode) {
                return s[1];
            }
        }
        return -1;
    }

    static int speedCodeOf(int baud) {
        for (int[] s : SPEEDS) {
            if (s[1] == baud) {
                return s[0];
            }
        }
        throw new IllegalArgumentException("baud " + baud + " is not a standard termios rate");
    }

    /** "9600 8E1". */
    @Override
    public String toString() {
        return (baud < 0 ? "non-standard baud" : Integer.toString(baud)) + " " + dataBits + parity + stopBits;
    }
}
