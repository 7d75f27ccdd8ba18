package dev.vigil.core.config;

import dev.vigil.core.model.Place;
import dev.vigil.core.rules.SensorRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code sensors:} list: identity, type, bus, address, place, interval and rules of each sensor. */
final class SensorReader {

    static final List<String> SENSOR_KEYS = List.of("id", "type", "bus", "address", "place", "expectedInterval", "rules", "actions");
    static final List<String> PLACE_KEYS = List.of("building", "floor", "room", "point");

    private final Problems problems;
    private final NodeValues values;
    private final Map<String, Node> busIds;
    private final String site;
    private final OutputActionReader actions;

    /**
     * @param busIds ids of the buses written in the file (also those with other problems), with their nodes
     * @param site   the gateway's site name, the first part of every place
     */
    SensorReader(Problems problems, NodeValues values, Map<String, Node> busIds, String site, OutputActionReader actions) {
        this.problems = problems;
        this.actions = actions;
        this.values = values;
        this.busIds = busIds;
        this.site = site;
    }

    /** The sensors that parsed without problems. */
    List<SensorConfig> sensors(YamlMap t) {
        List<SensorConfig> result = new ArrayList<>();
        Map<String, Node> ids = new LinkedHashMap<>();
        List<Node> items = t.list("sensors", "sensors");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMap> m = YamlMap.of(items.get(i), "sensors[" + i + "]", String.join(", ", SENSOR_KEYS), problems, values);
            if (m.isEmpty()) {
                continue;
            }
            SensorConfig sensor = sensor(m.get(), ids);
            if (sensor != null) {
                result.add(sensor);
            }
        }
        return result;
    }

    private SensorConfig sensor(YamlMap s, Map<String, Node> ids) {
        int before = problems.count();
        s.allowOnly(SENSOR_KEYS);
        Optional<String> id = s.requiredId("id", "the sensor's id, e.g. rc-3f-301");
        id.ifPresent(v -> SiteFileParser.unique(ids, v, s, "sensor", problems));

        Optional<SensorType> type = s.requiredText("type", "one of " + String.join(", ", SensorType.siteNames())).flatMap(name -> {
            Optional<SensorType> known = SensorType.bySiteName(name);
            if (known.isEmpty()) {
                s.problem("type", s.pathOf("type") + " \"" + name + "\" is not a sensor type" + NearMiss.hint(name, SensorType.siteNames())
                        + "; expected one of " + String.join(", ", SensorType.siteNames()));
            }
            return known;
        });

        Optional<String> bus = s.requiredText("bus", "the id of one of the buses (" + knownBuses() + ")");
        bus.ifPresent(b -> {
            if (!busIds.containsKey(b)) {
                s.problem("bus", s.pathOf("bus") + " \"" + b + "\" is not a bus of this file" + NearMiss.hint(b, busIds.keySet())
                        + "; expected one of the buses: " + knownBuses());
            }
        });

        Options address = s.map("address", "the sensor's address on its bus, e.g. {unit: 3, register: 0x004A}")
                .map(a -> a.optionsExcept(List.of()))
                .orElse(new Options(Map.of(), Map.of(), s.where()));

        Place place = place(s);

        TypeDefaults defaults = type.map(SensorTypeDefaults::of).orElse(null);
        Duration expectedInterval = s.duration("expectedInterval").filter(d -> {
            if (d.isZero()) {
                s.problem("expectedInterval", s.pathOf("expectedInterval") + " must be longer than 0s; expected how often the sensor reports,"
                        + " e.g. 10s");
                return false;
            }
            return true;
        }).orElse(defaults == null ? null : defaults.expectedInterval());

        SensorRules rules = new RulesReader(problems, values, defaults, expectedInterval)
                .read(s.map("rules", String.join(", ", RulesReader.RULES_KEYS)));
        actions.read(s, id.orElse(null), rules);

        if (problems.count() != before || rules == null) {
            return null;
        }
        return new SensorConfig(id.get(), type.get().siteName(), type.get().quantity(), bus.get(), address, place,
                expectedInterval, rules, s.where());
    }

    private Place place(YamlMap s) {
        if (!s.has("place")) {
            s.missing("place", "where the sensor is, e.g. place: {building: B3, floor: 3F, room: \"301\"} (or point: for a street sensor)");
            return null;
        }
        Optional<YamlMap> m = s.map("place", "building, floor, room or point");
        if (m.isEmpty()) {
            return null;
        }
        YamlMap p = m.get();
        p.allowOnly(PLACE_KEYS);
        String building = p.text("building", "text").orElse("");
        String floor = p.text("floor", "text").orElse("");
        String room = p.text("room", "text").orElse("");
        String point = p.text("point", "text").orElse("");
        if (!room.isEmpty() && !point.isEmpty()) {
            p.problem("point", p.pathOf("point") + " and room are both written; expected one of them (room in a building, point on a street)");
        }
        if (building.isEmpty() && floor.isEmpty() && room.isEmpty() && point.isEmpty()) {
            problems.add(p.where(), p.path() + " is empty; expected at least one of building, floor, room or point,"
                    + " so the platform can send people to the right door");
        }
        return new Place(site, building, floor, room.isEmpty() ? point : room);
    }

    private String knownBuses() {
        return busIds.isEmpty() ? "none is defined under buses:" : String.join(", ", busIds.keySet());
    }
}
