package dev.vigil.core.config;

import dev.vigil.core.model.AlarmKind;
import dev.vigil.core.rules.AlarmKey;
import dev.vigil.core.rules.FaultRules;
import dev.vigil.core.rules.LevelRule;
import dev.vigil.core.rules.SensorRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the local outputs declared by the buses ({@code outputs:} of a bus, whose values belong to
 * the bus's driver) and each sensor's {@code actions:} list that switches them (see docs/gpio.md).
 */
final class OutputActionReader {

    static final String OUTPUTS_OPTION = "outputs";
    static final List<String> ACTION_KEYS = List.of("output", "on", "silenceOnAck");

    private final Problems problems;
    private final NodeValues values;
    private final Map<String, SourceRef> outputs = new LinkedHashMap<>();
    private final List<OutputAction> actions = new ArrayList<>();

    OutputActionReader(Problems problems, NodeValues values) {
        this.problems = problems;
        this.values = values;
    }

    /** Collects the output ids of every bus; an id declared on two buses is a problem. */
    void declareOutputs(List<BusConfig> buses) {
        for (BusConfig bus : buses) {
            if (!(bus.options().get(OUTPUTS_OPTION) instanceof Map<?, ?> declared)) {
                continue; // absent, or the driver reports the wrong shape
            }
            for (Object key : declared.keySet()) {
                String id = String.valueOf(key);
                SourceRef where = bus.options().lineOf(OUTPUTS_OPTION + "." + id);
                SourceRef first = outputs.putIfAbsent(id, where);
                if (first != null) {
                    problems.add(where, "output \"" + id + "\" of bus " + bus.id() + " is already declared (line " + first.line()
                            + "); expected output ids to be unique across all buses");
                }
            }
        }
    }

    /** Reads {@code actions:} of one sensor; {@code rules} null when they had problems of their own. */
    void read(YamlMap sensor, String sensorId, SensorRules rules) {
        List<Node> items = sensor.list("actions", "actions such as {output: siren-1}");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMap> m = YamlMap.of(items.get(i), sensor.pathOf("actions") + "[" + i + "]",
                    String.join(", ", ACTION_KEYS), problems, values);
            m.ifPresent(a -> action(a, sensorId, rules));
        }
    }

    private void action(YamlMap a, String sensorId, SensorRules rules) {
        int before = problems.count();
        a.allowOnly(ACTION_KEYS);
        Optional<String> output = a.requiredText("output", "the id of an output declared under a bus's outputs: ("
                + known() + ")");
        output.ifPresent(o -> {
            if (!outputs.containsKey(o)) {
                a.problem("output", a.pathOf("output") + " \"" + o + "\" is not an output of any bus" + NearMiss.hint(o, outputs.keySet())
                        + "; expected one of the outputs declared under a bus's outputs: (" + known() + ")");
            }
        });
        boolean silenceOnAck = a.bool("silenceOnAck").orElse(false);
        Set<AlarmKey> alarms = rules == null || sensorId == null ? Set.of() : alarms(a, sensorId, rules);
        if (problems.count() == before && sensorId != null && rules != null) {
            actions.add(new OutputAction(sensorId, output.get(), alarms, silenceOnAck, a.where()));
        }
    }

    private Set<AlarmKey> alarms(YamlMap a, String sensorId, SensorRules rules) {
        Map<String, AlarmKey> names = alarmNames(sensorId, rules);
        Node v = a.value("on");
        if (v == null || YamlMap.isNull(v)) {
            Set<AlarmKey> valueAlarms = new LinkedHashSet<>();
            names.values().stream().filter(k -> !k.kind().isSensorFault()).forEach(valueAlarms::add);
            if (valueAlarms.isEmpty()) {
                a.problem("output", a.path() + " has no alarm to follow: the sensor has no level, rate-of-rise or smoke rule;"
                        + " expected on: naming one of " + String.join(", ", names.keySet()));
            }
            return valueAlarms;
        }
        List<Node> written = v instanceof SequenceNode s ? s.getValue() : List.of(v);
        Set<AlarmKey> chosen = new LinkedHashSet<>();
        for (Node n : written) {
            String name = n instanceof ScalarNode s ? s.getValue() : null;
            AlarmKey key = name == null ? null : names.get(name);
            if (key == null) {
                problems.add(n, a.pathOf("on") + " " + YamlMap.shown(n) + " is not an alarm of sensor " + sensorId
                        + (name == null ? "" : NearMiss.hint(name, names.keySet())) + "; expected one or a list of "
                        + String.join(", ", names.keySet()));
            } else {
                chosen.add(key);
            }
        }
        return chosen;
    }

    /** The site-file names of the alarms this sensor can raise: level rule names and kinds in lower-case-dash form. */
    static Map<String, AlarmKey> alarmNames(String sensorId, SensorRules rules) {
        Map<String, AlarmKey> names = new LinkedHashMap<>();
        for (LevelRule level : rules.levels()) {
            names.put(level.name(), AlarmKey.level(sensorId, level.name()));
        }
        if (rules.rateOfRise() != null) {
            names.put(siteName(AlarmKind.RATE_OF_RISE), AlarmKey.of(sensorId, AlarmKind.RATE_OF_RISE));
        }
        if (rules.smoke() != null) {
            names.put(siteName(AlarmKind.SMOKE), AlarmKey.of(sensorId, AlarmKind.SMOKE));
        }
        FaultRules f = rules.faults();
        if (f != null) {
            if (f.offlineAfter() != null) {
                names.put(siteName(AlarmKind.OFFLINE), AlarmKey.of(sensorId, AlarmKind.OFFLINE));
            }
            if (f.stuckAfter() != null) {
                names.put(siteName(AlarmKind.STUCK), AlarmKey.of(sensorId, AlarmKind.STUCK));
            }
            if (f.physicalMin() != null || f.physicalMax() != null) {
                names.put(siteName(AlarmKind.OUT_OF_RANGE), AlarmKey.of(sensorId, AlarmKind.OUT_OF_RANGE));
            }
            if (f.deviceFaults()) {
                names.put(siteName(AlarmKind.DEVICE_FAULT), AlarmKey.of(sensorId, AlarmKind.DEVICE_FAULT));
            }
        }
        return names;
    }

    static String siteName(AlarmKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private String known() {
        return outputs.isEmpty() ? "none is declared" : String.join(", ", outputs.keySet());
    }

    List<OutputAction> actions() {
        return List.copyOf(actions);
    }
}
