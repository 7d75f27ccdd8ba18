package dev.vigil.core.engine;

import dev.vigil.core.alarm.ActiveAlarm;
import dev.vigil.core.alarm.AlarmBook;
import dev.vigil.core.alarm.AlarmRecorder;
import dev.vigil.core.alarm.AlarmSequencer;
import dev.vigil.core.alarm.AlarmStateRestorer;
import dev.vigil.core.alarm.PendingAlarm;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.health.SensorHealth;
import dev.vigil.core.health.SensorHealthTracker;
import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.model.Reading;
import dev.vigil.core.outbox.Lane;
import dev.vigil.core.outbox.Outbox;
import dev.vigil.core.rules.ConditionChange;
import dev.vigil.core.rules.RuleEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's single-threaded core: readings and ticks go through the rules, condition changes
 * through the alarm book into the alarm recorder, readings into the telemetry batcher and the
 * sensor health. All methods are synchronized so the engine thread and callers of
 * {@link #acknowledge} or of the health snapshots are serialised.
 */
public final class ReadingProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingProcessor.class);

    private final SiteConfig config;
    private final Clock clock;
    private final Map<String, SensorConfig> sensors = new LinkedHashMap<>();
    private final RuleEngine rules;
    private final AlarmBook book;
    private final AlarmRecorder recorder;
    private final TelemetryBatcher telemetry;
    private final SensorHealthTracker health;
    private final LocalOutputs outputs;
    private final Set<String> unknownSensorsWarned = new HashSet<>();
    private long unknownReadings;

    /**
     * Resumes from the outbox: sequences after the last stored ones, active alarms from the
     * persisted alarm state (their conditions assumed to hold until readings show otherwise).
     *
     * @param onAppended called whenever something was appended to the outbox (wakes the forwarder)
     */
    public ReadingProcessor(SiteConfig config, Outbox outbox, Clock clock, Runnable onAppended) {
        this(config, outbox, clock, onAppended, LocalOutputs.NONE);
    }

    /** @param outputs the local outputs (siren, relay) that alarm transitions switch */
    public ReadingProcessor(SiteConfig config, Outbox outbox, Clock clock, Runnable onAppended, LocalOutputs outputs) {
        this.config = config;
        this.outputs = outputs;
        this.clock = clock;
        config.sensors().forEach(s -> sensors.put(s.id(), s));
        Instant now = clock.instant();
        this.rules = new RuleEngine(config.sensors(), now);
        this.book = new AlarmBook(config.gatewayId(), new AlarmSequencer(outbox.lastSequence(Lane.ALARM)));
        this.recorder = new AlarmRecorder(config.gatewayId(), outbox, clock, onAppended);
        this.telemetry = new TelemetryBatcher(config.gatewayId(), outbox, config.telemetry(), clock,
                outbox.lastSequence(Lane.TELEMETRY), onAppended);
        this.health = new SensorHealthTracker(new ArrayList<>(sensors.keySet()));
        restore(AlarmStateRestorer.restore(outbox.alarmState()), now);
    }

    private void restore(List<ActiveAlarm> restored, Instant now) {
        List<PendingAlarm> retired = new ArrayList<>();
        for (ActiveAlarm alarm : restored) {
            book.restore(alarm);
            if (alarm.conditionActive() && !rules.assumeActive(alarm.key(), now)) {
                LOG.warn("Active alarm {} ({}) has no rule in {} any more; clearing it", alarm.alarmId(),
                        alarm.key(), config.source());
                retired.addAll(book.retire(alarm.key(), now, "rule removed from the site configuration"));
            }
        }
        if (!restored.isEmpty()) {
            LOG.info("Restored {} active alarm(s) from the outbox", restored.size());
        }
        outputs.onEvents(retired);
        outputs.restore(book.active());
        recorder.submit(retired);
    }

    public synchronized void process(Reading reading) {
        SensorConfig sensor = sensors.get(reading.sensorId());
        if (sensor == null) {
            unknownReadings++;
            if (unknownSensorsWarned.add(reading.sensorId())) {
                LOG.warn("Ignoring readings of sensor '{}': it is not in the site file {} (further readings of it "
                        + "are counted, not logged)", reading.sensorId(), config.source());
            }
            return;
        }
        Instant now = clock.instant();
        health.record(reading, now);
        telemetry.add(reading, sensor.place());
        apply(rules.onReading(reading, now), now);
    }

    public synchronized void tick() {
        Instant now = clock.instant();
        apply(rules.onTick(now), now);
        outputs.tick();
        recorder.flush();
        telemetry.tick();
    }

    private void apply(List<ConditionChange> changes, Instant now) {
        List<PendingAlarm> events = new ArrayList<>(changes.size());
        for (ConditionChange change : changes) {
            events.addAll(book.apply(change, sensors.get(change.key().sensorId()), now));
        }
        outputs.onEvents(events);
        recorder.submit(events);
    }

    /** @return false if no active, unacknowledged alarm has this id */
    public synchronized boolean acknowledge(String alarmId, String by) {
        List<PendingAlarm> events = book.acknowledge(alarmId, by, clock.instant());
        outputs.onEvents(events);
        recorder.submit(events);
        return !events.isEmpty();
    }

    /** Closes the open telemetry batch (clean stop). */
    public synchronized void flushTelemetry() {
        telemetry.flush();
    }

    public synchronized List<ActiveAlarm> activeAlarms() {
        return List.copyOf(book.active());
    }

    public synchronized List<SensorHealth> sensorHealth() {
        Set<String> offline = new HashSet<>();
        Set<String> faulty = new HashSet<>();
        for (ActiveAlarm a : book.active()) {
            if (!a.conditionActive()) {
                continue;
            }
            AlarmKind kind = a.key().kind();
            if (kind == AlarmKind.OFFLINE) {
                offline.add(a.key().sensorId());
            } else if (kind.isSensorFault()) {
                faulty.add(a.key().sensorId());
            }
        }
        return health.snapshot(offline, faulty);
    }

    /** Alarm events created but not yet accepted by the outbox. */
    public synchronized int pendingAlarms() {
        return recorder.pendingCount();
    }

    public synchronized long unknownReadings() {
        return unknownReadings;
    }
}
