package dev.vigil.core.engine;

import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.Quality;
import dev.vigil.core.model.Reading;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.testing.FakeOutbox;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.core.testing.OutboxContents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ReadingProcessor} on a fake outbox with a hand-moved clock. */
final class ProcessorHarness {

    final MutableClock clock;
    final SiteConfig site;
    FakeOutbox outbox;
    ReadingProcessor processor;
    final AtomicInteger wakeups = new AtomicInteger();

    ProcessorHarness(SiteConfig site) {
        this(site, MutableClock.at("2026-11-22T10:00:00Z"), null);
    }

    private ProcessorHarness(SiteConfig site, MutableClock clock, FakeOutbox outbox) {
        this.site = site;
        this.clock = clock;
        this.outbox = outbox == null ? new FakeOutbox(clock) : outbox;
        this.processor = new ReadingProcessor(site, this.outbox, clock, wakeups::incrementAndGet);
    }

    /** A new process on the same outbox contents (the old one is gone without a goodbye). */
    ProcessorHarness restart(SiteConfig newSite) {
        return new ProcessorHarness(newSite, clock, outbox.reopen());
    }

    void feed(String sensorId, double value) {
        feed(sensorId, value, Quality.GOOD);
    }

    void feed(String sensorId, double value, Quality quality) {
        var sensor = site.sensor(sensorId).orElseThrow();
        processor.process(new Reading(sensorId, sensor.quantity(), value, null, clock.instant(), quality));
    }

    void after(Duration d) {
        clock.advance(d);
        processor.tick();
    }

    void afterSeconds(long s) {
        after(Duration.ofSeconds(s));
    }

    List<AlarmEvent> alarms() {
        return OutboxContents.alarms(outbox.entries(Lane.ALARM));
    }

    List<String> transitions() {
        return OutboxContents.transitions(alarms());
    }
}
