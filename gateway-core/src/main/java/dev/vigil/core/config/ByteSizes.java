package dev.vigil.core.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as installers write them: {@code 512KiB}, {@code 64MiB}, {@code 1GiB}, or a bare number of
 * bytes. Decimal units (KB, MB, GB) are refused rather than guessed, because 64MB could mean either.
 */
public final class ByteSizes {

    public static final String EXPECTED = "a whole number with a binary unit: B, KiB, MiB or GiB (e.g. 512KiB, 64MiB)";

    private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");
    private static final Pattern DECIMAL_UNIT = Pattern.compile("(\\d{1,12})\\s*([kKmMgG])[bB]");

    private ByteSizes() {
    }

    public static Optional<Long> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1L;
        };
        return Optional.of(n * factor);
    }

    /** For "64MB": the binary spelling the installer probably meant ("64MiB"), if any. */
    public static Optional<String> binarySpellingOf(String text) {
        Matcher m = DECIMAL_UNIT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + m.group(2).toUpperCase(Locale.ROOT) + "iB");
    }

    /** The largest exact binary unit, e.g. 67108864 -> "64MiB". */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + "KiB";
        }
        return bytes + "B";
    }
}
