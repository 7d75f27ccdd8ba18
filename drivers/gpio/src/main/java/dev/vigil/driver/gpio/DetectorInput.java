package dev.vigil.driver.gpio;

import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import dev.vigil.core.spi.DriverContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A smoke detector (or other contact) on GPIO: its alarm contact and optional supervision contact,
 * each debounced. Delivers a reading (1 = active, 0 = idle) on every debounced change and again every
 * refresh interval, so the engine's offline rule sees the input alive. While the supervision loop is
 * open, readings carry a device-fault quality: the engine raises DEVICE_FAULT and ignores their value.
 */
final class DetectorInput {

    /** Device fault code of the readings while the supervision loop is open (documented in docs/gpio.md). */
    static final int SUPERVISION_OPEN = 0x5E01;

    private final InputSettings settings;
    private final DriverContext context;
    private final DebouncedLevel alarm;
    private final DebouncedLevel supervision;
    private final AtomicLong readings = new AtomicLong();
    private GpioLines.InputLine alarmLine;
    private GpioLines.InputLine supervisionLine;
    private ScheduledFuture<?> refresh;
    private volatile boolean open;

    DetectorInput(InputSettings settings, DriverContext context) {
        this.settings = settings;
        this.context = context;
        this.alarm = new DebouncedLevel(settings.debounce(), context.scheduler(), level -> report());
        this.supervision = settings.supervision() == null ? null
                : new DebouncedLevel(settings.debounce(), context.scheduler(), level -> report());
    }

    /** Opens the pins and reports the state now. @throws GpioException naming the pin that failed */
    void open(GpioLines lines) {
        InputSettings s = settings;
        if (alarmLine == null) { // kept open when only the supervision pin failed last time
            alarmLine = lines.openInput(s.sensorId(), s.pin(), s.pull(), alarm::edge);
            alarm.start(alarmLine.high());
        }
        if (supervision != null && supervisionLine == null) {
            InputSettings.Supervision sv = s.supervision();
            supervisionLine = lines.openInput(s.sensorId() + "-supervision", sv.pin(), sv.pull(), supervision::edge);
            supervision.start(supervisionLine.high());
        }
        open = true;
        report();
        long every = s.refresh().toMillis();
        refresh = context.scheduler().scheduleAtFixedRate(this::report, every, every, TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return open;
    }

    boolean active() {
        return alarm.stable() == settings.activeHigh();
    }

    boolean supervisionOpen() {
        return supervision != null && supervision.stable() != settings.supervision().closedHigh();
    }

    private synchronized void report() {
        if (!open) {
            return;
        }
        Quality quality = supervisionOpen()
                ? Quality.deviceFault(SUPERVISION_OPEN, "supervision loop open at GPIO " + settings.supervision().pin())
                : Quality.GOOD;
        context.readings().accept(new Reading(settings.sensorId(), settings.quantity(), active() ? 1 : 0,
                settings.quantity().unit(), context.clock().instant(), quality));
        readings.incrementAndGet();
    }

    long edges() {
        return alarm.edges() + (supervision == null ? 0 : supervision.edges());
    }

    long readings() {
        return readings.get();
    }

    InputSettings settings() {
        return settings;
    }

    void close() {
        open = false;
        if (refresh != null) {
            refresh.cancel(false);
        }
        alarm.close();
        if (supervision != null) {
            supervision.close();
        }
    }
}
