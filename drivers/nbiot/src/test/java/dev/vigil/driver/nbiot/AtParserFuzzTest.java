package dev.vigil.driver.nbiot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Whatever bytes the modem sends, the line splitter and every reply/URC parser either return a
 * well-formed value or throw {@link AtParseException}: never another exception, never a value out
 * of its range. The seed corpus in src/test/resources/.../AtParserFuzzTestInputs runs as ordinary
 * tests; {@code JAZZER_FUZZ=1 ./mvnw ... -Dtest=AtParserFuzzTest} fuzzes for real.
 */
class AtParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void modemBytes(FuzzedDataProvider data) {
        int split = data.consumeInt(0, 4096);
        byte[] bytes = data.consumeRemainingAsBytes();
        AtLineSplitter splitter = new AtLineSplitter();
        int first = Math.min(split, bytes.length);
        List<AtLine> lines = new ArrayList<>(splitter.feed(bytes, first));
        byte[] rest = java.util.Arrays.copyOfRange(bytes, first, bytes.length);
        lines.addAll(splitter.feed(rest, rest.length));
        for (AtLine line : lines) {
            assertTrue(line.text().length() <= AtLineSplitter.MAX_LINE);
            assertTrue(line.text().chars().allMatch(c -> c >= 0x20 && c <= 0x7E), "only printable text is kept");
            assertTrue(!line.text().isEmpty() || line.garbled(), "empty framing lines are skipped");
            parseEveryWay(line.text());
        }
    }

    private static void parseEveryWay(String text) {
        try {
            AtReplies.Csq csq = AtReplies.csq(text);
            assertTrue(csq.rssi() <= 31 || csq.rssi() == 99);
            assertTrue(!csq.known() || csq.dbm() >= -113 && csq.dbm() <= -51);
        } catch (AtParseException expected) {
            // not a +CSQ line
        }
        try {
            int stat = AtReplies.ceregStat(text);
            assertTrue(stat >= 0 && stat <= 9);
        } catch (AtParseException expected) {
            // not a +CEREG answer
        }
        try {
            AtReplies.NsorfRecord r = AtReplies.nsorf(text);
            assertTrue(r.port() <= 65535 && r.remaining() >= 0);
            assertEquals(text.split(",")[4].length(), 2 * r.data().length);
        } catch (AtParseException expected) {
            // not an NSORF record
        }
        try {
            assertEquals(15, AtReplies.imei(text).length());
        } catch (AtParseException expected) {
            // not an IMEI
        }
        quietly(() -> AtReplies.iccid(text));
        quietly(() -> AtReplies.cgatt(text));
        quietly(() -> AtReplies.cgpaddr(text));
        quietly(() -> AtReplies.socket(text));
        quietly(() -> AtReplies.sentLength(text));
        if (AtReplies.looksLikeUrc(text)) {
            quietly(() -> AtReplies.urc(text));
        }
        assertTrue(AtReplies.errorCode(text) >= -1);
        assertTrue(AtReplies.printable(text).length() <= 4 * 120 + 3);
        AtCommand.of(text.startsWith("AT") ? text : "AT+" + text, java.time.Duration.ofSeconds(1)).claims(text);
    }

    private interface Parse {
        Object run() throws AtParseException;
    }

    private static void quietly(Parse p) {
        try {
            p.run();
        } catch (AtParseException expected) {
            // the documented failure
        }
    }
}
