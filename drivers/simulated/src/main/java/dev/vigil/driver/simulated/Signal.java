package dev.vigil.driver.simulated;

import java.time.Duration;
import java.util.List;

/**
 * A value as a function of the time since the driver started. Written in the site file as
 * {@code signal:}; see {@link SignalParser} for the language.
 */
sealed interface Signal {

    double valueAt(Duration sinceStart);

    /** {@code constant V}. */
    record Constant(double value) implements Signal {
        @Override
        public double valueAt(Duration sinceStart) {
            return value;
        }
    }

    /** {@code steps T:V ...}: each value holds from its time until the next; the first also holds before its time. */
    record Steps(List<Point> points) implements Signal {
        @Override
        public double valueAt(Duration sinceStart) {
            double value = points.get(0).value();
            for (Point p : points) {
                if (sinceStart.compareTo(p.at()) >= 0) {
                    value = p.value();
                }
            }
            return value;
        }
    }

    /** {@code ramp T:V ...}: linear between points, the first value before the first point, the last after the last. */
    record Ramp(List<Point> points) implements Signal {
        @Override
        public double valueAt(Duration sinceStart) {
            Point first = points.get(0);
            if (sinceStart.compareTo(first.at()) <= 0) {
                return first.value();
            }
            for (int i = 1; i < points.size(); i++) {
                Point a = points.get(i - 1);
                Point b = points.get(i);
                if (sinceStart.compareTo(b.at()) <= 0) {
                    double span = b.at().minus(a.at()).toNanos();
                    double into = sinceStart.minus(a.at()).toNanos();
                    return span == 0 ? b.value() : a.value() + (b.value() - a.value()) * (into / span);
                }
            }
            return points.get(points.size() - 1).value();
        }
    }

    /** {@code square LOW HIGH PERIOD}: LOW for the first half of each period, HIGH for the second. */
    record Square(double low, double high, Duration period) implements Signal {
        @Override
        public double valueAt(Duration sinceStart) {
            long intoPeriod = sinceStart.toNanos() % period.toNanos();
            return intoPeriod < period.toNanos() / 2 ? low : high;
        }
    }

    /** One {@code time:value} pair. */
    record Point(Duration at, double value) {
    }
}
