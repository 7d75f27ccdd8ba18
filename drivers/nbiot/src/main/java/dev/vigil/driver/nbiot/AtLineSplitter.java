package dev.vigil.driver.nbiot;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the modem's byte stream into lines. Pure and not thread-safe: the engine's reader thread
 * feeds it. A line ends at CR or LF; empty lines (the CR LF framing around every BC95 line) are
 * skipped. A line holding a byte outside printable ASCII, or longer than {@link #MAX_LINE}, is
 * reported as garbled rather than dropped, so the engine can count it and resynchronise.
 */
final class AtLineSplitter {

    /** Longest line kept: an AT+NSORF reply of 1358 bytes is ~2.8k hex characters plus the header. */
    static final int MAX_LINE = 4096;

    private final StringBuilder current = new StringBuilder();
    private boolean garbled;
    private boolean overflow;

    List<AtLine> feed(byte[] data, int length) {
        List<AtLine> lines = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xFF;
            if (b == '\r' || b == '\n') {
                if (current.length() > 0 || garbled) {
                    lines.add(new AtLine(current.toString(), garbled));
                }
                current.setLength(0);
                garbled = false;
                overflow = false;
            } else if (current.length() >= MAX_LINE) {
                garbled = true;
                overflow = true;
            } else if (b < 0x20 || b > 0x7E) {
                garbled = true;
            } else if (!overflow) {
                current.append((char) b);
            }
        }
        return lines;
    }

    /** Forgets a partial line, e.g. after the engine flushed the port. */
    void reset() {
        current.setLength(0);
        garbled = false;
        overflow = false;
    }
}
