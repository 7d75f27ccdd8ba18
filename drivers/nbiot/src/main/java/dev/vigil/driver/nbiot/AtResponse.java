package dev.vigil.driver.nbiot;

import java.util.List;

/**
 * What a command got back before its final OK.
 *
 * @param command the command
 * @param lines   its information lines, in order, without echo and URCs
 */
record AtResponse(AtCommand command, List<String> lines) {

    AtResponse {
        lines = List.copyOf(lines);
    }

    /** The first information line, or a parse error naming the command when there is none. */
    String line() throws AtParseException {
        if (lines.isEmpty()) {
            throw new AtParseException("an information line in the answer to " + command.text(), "OK");
        }
        return lines.get(0);
    }
}
