package dev.vigil.driver.simulated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code signal:} language of the simulated driver. Times are since the driver started.
 * <pre>
 *   constant 21.5                     always 21.5
 *   steps 0s:120 10s:260 14s:560      120 until 10 s, 260 until 14 s, then 560
 *   ramp 0s:0 20s:30                  linear from 0 at 0 s to 30 at 20 s, then holds 30
 *   square 0 1 2s                     0 for the first second of every 2 s, 1 for the second
 * </pre>
 */
final class SignalParser {

    static final String FORMS = "constant V | steps T:V T:V ... | ramp T:V T:V ... | square LOW HIGH PERIOD";

    private SignalParser() {
    }

    /** @throws IllegalArgumentException saying what is wrong and what is expected */
    static Signal parse(String text) {
        String[] words = text == null ? new String[0] : text.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("signal is empty; expected one of: " + FORMS);
        }
        List<String> args = Arrays.asList(words).subList(1, words.length);
        return switch (words[0]) {
            case "constant" -> {
                expectCount("constant V", args, 1);
                yield new Signal.Constant(number(args.get(0)));
            }
            case "steps" -> new Signal.Steps(points("steps", args));
            case "ramp" -> new Signal.Ramp(points("ramp", args));
            case "square" -> {
                expectCount("square LOW HIGH PERIOD", args, 3);
                Duration period = DurationText.parse(args.get(2));
                if (period.toMillis() < 2) {
                    throw new IllegalArgumentException("square period " + args.get(2) + " is too short; expected at least 2ms");
                }
                yield new Signal.Square(number(args.get(0)), number(args.get(1)), period);
            }
            default -> throw new IllegalArgumentException("unknown signal '" + words[0] + "'; expected one of: " + FORMS);
        };
    }

    private static void expectCount(String form, List<String> args, int count) {
        if (args.size() != count) {
            throw new IllegalArgumentException("'" + form + "' takes " + count + " value(s), got " + args.size());
        }
    }

    private static List<Signal.Point> points(String kind, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(kind + " needs at least one TIME:VALUE point, e.g. " + kind + " 0s:0 10s:30");
        }
        List<Signal.Point> points = new ArrayList<>();
        for (String arg : args) {
            int colon = arg.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(kind + " point '" + arg + "' is not TIME:VALUE, e.g. 10s:260");
            }
            Signal.Point p = new Signal.Point(DurationText.parse(arg.substring(0, colon)), number(arg.substring(colon + 1)));
            if (!points.isEmpty() && p.at().compareTo(points.get(points.size() - 1).at()) <= 0) {
                throw new IllegalArgumentException(kind + " point '" + arg + "' is not later than the one before it; times must increase");
            }
            points.add(p);
        }
        return List.copyOf(points);
    }

    private static double number(String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a number");
    }
}
