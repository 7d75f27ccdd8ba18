package dev.vigil.driver.nbiot;

/** A line from the modem that does not have the form its command or URC defines. */
final class AtParseException extends Exception {

    AtParseException(String what, String line) {
        super(what + ", got '" + AtReplies.printable(line) + "'");
    }
}
