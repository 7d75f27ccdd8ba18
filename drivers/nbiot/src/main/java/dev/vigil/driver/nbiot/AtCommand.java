package dev.vigil.driver.nbiot;

import java.time.Duration;
import java.util.Objects;

/**
 * One AT command and how to read its answer.
 *
 * @param text     the command without the terminating CR, e.g. "AT+CSQ"
 * @param timeout  how long to wait for the final result
 * @param answers  the prefix of the information lines that belong to this command (e.g. "+CEREG:"),
 *                 so a URC with the same prefix is still told apart; empty when none can clash
 */
record AtCommand(String text, Duration timeout, String answers) {

    AtCommand {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(timeout, "timeout");
        answers = answers == null ? "" : answers;
    }

    static AtCommand of(String text, Duration timeout) {
        String prefix = "";
        if (text.startsWith("AT+")) {
            int end = text.length();
            for (int i = 3; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '?' || c == '=') {
                    end = i;
                    break;
                }
            }
            prefix = "+" + text.substring(3, end) + ":";
        }
        return new AtCommand(text, timeout, prefix);
    }

    /** Whether an information line with a URC prefix is this command's answer rather than a URC. */
    boolean claims(String line) {
        if (answers.isEmpty() || !line.startsWith(answers)) {
            return false;
        }
        // +CEREG:<stat> (one field) is always the URC; the answer to AT+CEREG? is +CEREG:<n>,<stat>
        return !AtReplies.isCeregUrc(line);
    }
}
