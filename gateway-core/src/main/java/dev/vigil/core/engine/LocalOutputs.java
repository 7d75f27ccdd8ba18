package dev.vigil.core.engine;

import dev.vigil.core.alarm.ActiveAlarm;
import dev.vigil.core.alarm.PendingAlarm;
import dev.vigil.core.config.OutputAction;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.rules.AlarmKey;
import dev.vigil.core.spi.OutputPort;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches local outputs (siren, relay, LED) from alarm transitions, on the engine thread, before
 * the events go to the outbox: a site sounds its siren whether or not the outbox or any uplink
 * works. An output is on while at least one alarm that drives it is RAISED and not CLEARED (nor
 * ACKED, for actions with silenceOnAck); it goes off when the last one ends. Not thread-safe: the
 * engine serialises calls.
 */
public final class LocalOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOutputs.class);

    /** No outputs: every call does nothing. */
    public static final LocalOutputs NONE = new LocalOutputs(List.of(), Map.of());

    /** output id -> alarm key -> whether acknowledging that alarm silences the output */
    private final Map<String, Map<AlarmKey, Boolean>> drivenBy = new LinkedHashMap<>();
    private final Map<String, OutputPort> ports;
    private final Map<String, Set<AlarmKey>> holding = new HashMap<>();
    private final Map<String, Boolean> applied = new HashMap<>();
    private final Set<String> failing = new HashSet<>();

    /** @param ports the outputs the drivers offer, by id; an action naming a missing one is warned about once */
    public LocalOutputs(List<OutputAction> actions, Map<String, OutputPort> ports) {
        this.ports = Map.copyOf(ports);
        for (OutputAction action : actions) {
            if (!ports.containsKey(action.output())) {
                LOG.warn("Output '{}' of sensor '{}' ({}) is offered by no running driver (outputs: {}); alarms of that "
                        + "sensor cannot switch it", action.output(), action.sensorId(), action.where(),
                        new TreeSet<>(ports.keySet()));
                continue;
            }
            Map<AlarmKey, Boolean> keys = drivenBy.computeIfAbsent(action.output(), o -> new LinkedHashMap<>());
            for (AlarmKey key : action.alarms()) {
                keys.merge(key, action.silenceOnAck(), Boolean::logicalAnd);
            }
        }
    }

    /** Sets every driven output to what the restored alarms want (off when none), so a restart re-sounds a siren. */
    public void restore(Collection<ActiveAlarm> active) {
        for (ActiveAlarm alarm : active) {
            for (Map.Entry<String, Map<AlarmKey, Boolean>> o : drivenBy.entrySet()) {
                Boolean silenceOnAck = o.getValue().get(alarm.key());
                if (silenceOnAck != null && !(alarm.acknowledged() && silenceOnAck)) {
                    holding.computeIfAbsent(o.getKey(), k -> new LinkedHashSet<>()).add(alarm.key());
                }
            }
        }
        drivenBy.keySet().forEach(this::apply);
    }

    /** Applies the transitions the alarm book just produced. */
    public void onEvents(List<PendingAlarm> events) {
        if (drivenBy.isEmpty() || events.isEmpty()) {
            return;
        }
        Set<String> touched = new LinkedHashSet<>();
        for (PendingAlarm p : events) {
            AlarmEvent e = p.event();
            for (Map.Entry<String, Map<AlarmKey, Boolean>> o : drivenBy.entrySet()) {
                Boolean silenceOnAck = o.getValue().get(p.key());
                if (silenceOnAck == null) {
                    continue;
                }
                Set<AlarmKey> held = holding.computeIfAbsent(o.getKey(), k -> new LinkedHashSet<>());
                switch (e.transition()) {
                    case RAISED -> held.add(p.key());
                    case CLEARED -> held.remove(p.key());
                    case ACKED -> {
                        if (silenceOnAck) {
                            held.remove(p.key());
                        }
                    }
                }
                touched.add(o.getKey());
            }
        }
        touched.forEach(this::apply);
    }

    /** Retries outputs whose last switch failed. */
    public void tick() {
        if (!failing.isEmpty()) {
            List.copyOf(failing).forEach(this::apply);
        }
    }

    /** Whether the output is wanted on now (for health and tests). */
    public boolean wantedOn(String output) {
        return !holding.getOrDefault(output, Set.of()).isEmpty();
    }

    private void apply(String output) {
        boolean on = wantedOn(output);
        if (Boolean.valueOf(on).equals(applied.get(output)) && !failing.contains(output)) {
            return;
        }
        try {
            ports.get(output).set(on);
            applied.put(output, on);
            if (failing.remove(output)) {
                LOG.warn("Output '{}' switched {} after earlier failures", output, on ? "on" : "off");
            }
            LOG.debug("Output '{}' {} (held by {})", output, on ? "on" : "off", holding.getOrDefault(output, Set.of()));
        } catch (RuntimeException e) {
            if (failing.add(output)) {
                LOG.warn("Switching output '{}' {} failed: {}; retrying every engine tick", output, on ? "on" : "off",
                        e.toString());
            }
        }
    }
}
