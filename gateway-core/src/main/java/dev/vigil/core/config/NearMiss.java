package dev.vigil.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the allowed word an installer probably meant ("raiseAT" -> "raiseAt", "moddbus-rtu" -> "modbus-rtu").
 * Public so driver and uplink factories give the same hints as the core.
 */
public final class NearMiss {

    private NearMiss() {
    }

    public static Optional<String> closest(String written, Collection<String> allowed) {
        String w = normalize(written);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(w, normalize(candidate));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerated = Math.max(1, Math.min(3, w.length() / 3));
        if (bestDistance <= tolerated) {
            return Optional.ofNullable(best);
        }
        // "smoke-detector" for "smoke", "residual" for "residual-current"
        for (String candidate : allowed) {
            String c = normalize(candidate);
            if (c.length() >= 4 && w.length() >= 4 && (w.startsWith(c) || c.startsWith(w))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** " (did you mean "x"?)" or "". */
    public static String hint(String written, Collection<String> allowed) {
        return closest(written, allowed).map(c -> " (did you mean \"" + c + "\"?)").orElse("");
    }

    /** Case, '-' and '_' do not count: "clear_at", "ClearAt" and "clear-at" are all near "clearAt". */
    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
