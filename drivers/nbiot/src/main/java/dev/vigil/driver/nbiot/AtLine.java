package dev.vigil.driver.nbiot;

/**
 * One line from the modem without its CR/LF framing.
 *
 * @param text    the printable characters of the line
 * @param garbled whether the line held non-printable bytes or overflowed (line noise, baud mismatch)
 */
record AtLine(String text, boolean garbled) {

    boolean isOk() {
        return !garbled && text.equals("OK");
    }

    /** ERROR, +CME ERROR:n or +CMS ERROR:n: the command failed. */
    boolean isError() {
        return !garbled && (text.equals("ERROR") || text.startsWith("+CME ERROR") || text.startsWith("+CMS ERROR"));
    }

    boolean isFinal() {
        return isOk() || isError();
    }
}
