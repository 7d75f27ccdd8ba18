package dev.vigil.driver.nbiot;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parsers for the information lines and URCs of the BC28/BC95 command subset Vigil uses
 * (Quectel BC95 AT Commands Manual; format "+NAME:fields", no space after the colon, though a
 * space is accepted). Every parser either returns a value or throws {@link AtParseException}
 * naming what was expected; none throws anything else, whatever the bytes (see the fuzz test).
 */
final class AtReplies {

    /** URC prefixes the engine routes to listeners rather than to the command in flight. */
    static final List<String> URC_PREFIXES = List.of("+NSONMI:", "+NSOCLI:", "+CEREG:", "+CSCON:", "+NPSMR:");

    private static final Pattern CSQ = Pattern.compile("\\+CSQ: ?(\\d{1,2}),(\\d{1,2})");
    private static final Pattern CEREG_READ = Pattern.compile("\\+CEREG: ?(\\d),(\\d)(?:,.*)?");
    private static final Pattern CGATT = Pattern.compile("\\+CGATT: ?([01])");
    private static final Pattern CGPADDR = Pattern.compile("\\+CGPADDR: ?(\\d+)(?:,\"?([0-9.]{7,15})\"?)?");
    private static final Pattern CGSN = Pattern.compile("\\+CGSN: ?(\\d{15})");
    private static final Pattern NCCID = Pattern.compile("\\+NCCID: ?([0-9A-Fa-f]{19,20})");
    private static final Pattern SOCKET = Pattern.compile("(\\d)");
    private static final Pattern NSOST = Pattern.compile("(\\d),(\\d{1,4})");
    private static final Pattern NSORF = Pattern.compile(
            "(\\d),([0-9.]{7,15}),(\\d{1,5}),(\\d{1,4}),([0-9A-Fa-f]*),(\\d{1,5})");
    private static final Pattern NSONMI = Pattern.compile("\\+NSONMI: ?(\\d),(\\d{1,5})");
    private static final Pattern NSOCLI = Pattern.compile("\\+NSOCLI: ?(\\d)");
    private static final Pattern CEREG_URC = Pattern.compile("\\+CEREG: ?(\\d)(?:,.*)?");
    private static final Pattern CSCON_URC = Pattern.compile("\\+CSCON: ?([01])");
    private static final Pattern CME = Pattern.compile("\\+CM[ES] ERROR: ?(\\d{1,4})");

    private AtReplies() {
    }

    /** Signal quality: rssi 0..31 or 99 (unknown), ber 0..7 or 99. */
    record Csq(int rssi, int ber) {
        boolean known() {
            return rssi != 99;
        }

        /** 3GPP TS 27.007: 0 = -113 dBm or less, 31 = -51 dBm or more, 2 dBm per step. */
        int dbm() {
            return -113 + 2 * rssi;
        }
    }

    /** One AT+NSORF record; {@code remaining} bytes of the same datagram are still in the modem. */
    record NsorfRecord(int socket, String ip, int port, byte[] data, int remaining) {
    }

    static Csq csq(String line) throws AtParseException {
        Matcher m = match(CSQ, line, "+CSQ:<rssi>,<ber>");
        int rssi = Integer.parseInt(m.group(1));
        int ber = Integer.parseInt(m.group(2));
        if (rssi > 31 && rssi != 99 || ber > 7 && ber != 99) {
            throw new AtParseException("+CSQ rssi 0..31 or 99 and ber 0..7 or 99", line);
        }
        return new Csq(rssi, ber);
    }

    /** The {@code <stat>} of an AT+CEREG? answer {@code +CEREG:<n>,<stat>[,...]}. */
    static int ceregStat(String line) throws AtParseException {
        return Integer.parseInt(match(CEREG_READ, line, "+CEREG:<n>,<stat>").group(2));
    }

    static boolean cgatt(String line) throws AtParseException {
        return match(CGATT, line, "+CGATT:<0|1>").group(1).equals("1");
    }

    /** The PDP address of {@code +CGPADDR:<cid>,<address>}, empty when the context has none. */
    static Optional<String> cgpaddr(String line) throws AtParseException {
        return Optional.ofNullable(match(CGPADDR, line, "+CGPADDR:<cid>[,<address>]").group(2));
    }

    static String imei(String line) throws AtParseException {
        return match(CGSN, line, "+CGSN:<15-digit IMEI>").group(1);
    }

    static String iccid(String line) throws AtParseException {
        return match(NCCID, line, "+NCCID:<19 or 20 digit ICCID>").group(1);
    }

    /** The socket number AT+NSOCR answers with (0..6). */
    static int socket(String line) throws AtParseException {
        return Integer.parseInt(match(SOCKET, line, "a socket number 0..9").group(1));
    }

    /** The byte count of an AT+NSOST answer {@code <socket>,<length>}. */
    static int sentLength(String line) throws AtParseException {
        return Integer.parseInt(match(NSOST, line, "<socket>,<length>").group(2));
    }

    static NsorfRecord nsorf(String line) throws AtParseException {
        Matcher m = match(NSORF, line, "<socket>,<ip>,<port>,<length>,<hex data>,<remaining>");
        int length = Integer.parseInt(m.group(4));
        String hex = m.group(5);
        int port = Integer.parseInt(m.group(3));
        if (hex.length() != 2 * length || port > 65535) {
            throw new AtParseException("hex data of 2 x <length> characters and a port up to 65535", line);
        }
        return new NsorfRecord(Integer.parseInt(m.group(1)), m.group(2), port, HexFormat.of().parseHex(hex),
                Integer.parseInt(m.group(6)));
    }

    /** The CME/CMS error code of a final error line, or -1 for a plain ERROR. */
    static int errorCode(String line) {
        Matcher m = CME.matcher(line);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    static boolean looksLikeUrc(String line) {
        for (String prefix : URC_PREFIXES) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Parses a URC line; a known prefix with a malformed body is an error, an unknown one is {@link Urc.Other}. */
    static Urc urc(String line) throws AtParseException {
        if (line.startsWith("+NSONMI:")) {
            Matcher m = match(NSONMI, line, "+NSONMI:<socket>,<length>");
            return new Urc.DatagramArrived(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if (line.startsWith("+NSOCLI:")) {
            return new Urc.SocketClosed(Integer.parseInt(match(NSOCLI, line, "+NSOCLI:<socket>").group(1)));
        }
        if (line.startsWith("+CEREG:")) {
            return new Urc.Registration(Integer.parseInt(match(CEREG_URC, line, "+CEREG:<stat>").group(1)));
        }
        if (line.startsWith("+CSCON:")) {
            return new Urc.Connection(match(CSCON_URC, line, "+CSCON:<0|1>").group(1).equals("1"));
        }
        return new Urc.Other(line);
    }

    /**
     * Whether a {@code +CEREG:} line is the URC ({@code +CEREG:<stat>}, one field with AT+CEREG=1)
     * rather than the answer to AT+CEREG? ({@code +CEREG:<n>,<stat>}).
     */
    static boolean isCeregUrc(String line) {
        return line.startsWith("+CEREG:") && line.indexOf(',') < 0;
    }

    /** The line with control characters shown as \xNN and cut to 120 characters, fit for a log or an error. */
    static String printable(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length() && sb.length() < 120; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\x%02X", (int) c & 0xFF));
            } else {
                sb.append(c);
            }
        }
        return line.length() > 120 ? sb + "..." : sb.toString();
    }

    private static Matcher match(Pattern p, String line, String expected) throws AtParseException {
        Matcher m = p.matcher(line);
        if (!m.matches()) {
            throw new AtParseException("expected " + expected, line);
        }
        return m;
    }
}
