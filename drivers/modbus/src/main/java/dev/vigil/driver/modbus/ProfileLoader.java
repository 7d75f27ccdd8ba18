package dev.vigil.driver.modbus;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorType;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.Quantity;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one device profile file, naming file:line for everything wrong in it. */
public final class ProfileLoader {

    static final List<String> PROFILE_KEYS = List.of("description", "faultCodes", "points");
    static final List<String> POINT_KEYS = List.of("register", "function", "type", "wordOrder", "scale", "decimals",
            "decimalsRegister", "bit", "subtractFrom", "unit", "quantity", "access", "min", "max", "faultCodes");
    private static final Pattern POINT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    /** A profile, or what is wrong with its file. */
    public record Loaded(Optional<DeviceProfile> profile, List<ConfigProblem> problems) {
    }

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ProfileLoader(String file) {
        this.file = file;
    }

    public static Loaded load(Path path) {
        String name = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        ProfileLoader loader = new ProfileLoader(path.toString());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            return loader.fail(0, "is not UTF-8 text; save the profile as UTF-8");
        } catch (IOException e) {
            return loader.fail(0, "cannot be read: " + e.getMessage());
        }
        Node root;
        try (Reader reader = new java.io.StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ');
            return loader.fail(0, "is not valid YAML: " + message);
        }
        if (root == null) {
            return loader.fail(0, "is empty; expected description, faultCodes and points");
        }
        DeviceProfile profile = loader.profile(name, root);
        return new Loaded(loader.problems.isEmpty() ? Optional.of(profile) : Optional.empty(), List.copyOf(loader.problems));
    }

    private Loaded fail(int line, String what) {
        problems.add(new ConfigProblem(new SourceRef(file, line), "profile " + what));
        return new Loaded(Optional.empty(), List.copyOf(problems));
    }

    private DeviceProfile profile(String name, Node root) {
        if (!(root instanceof MappingNode map)) {
            problem(root, "a profile is a map with description, faultCodes and points");
            return null;
        }
        Map<String, NodeTuple> keys = entries(map, PROFILE_KEYS, "profile");
        String description = keys.containsKey("description") ? text(keys.get("description").getValueNode(), "description") : "";
        Map<Long, String> faultCodes = keys.containsKey("faultCodes") ? faultCodes(keys.get("faultCodes").getValueNode()) : Map.of();
        Map<String, PointSpec> points = new LinkedHashMap<>();
        if (!keys.containsKey("points")) {
            problem(root, "profile has no points:; expected a map of point names to {register, type, unit, ...}");
        } else if (!(keys.get("points").getValueNode() instanceof MappingNode pointMap)) {
            problem(keys.get("points").getValueNode(), "points: must be a map of point names to {register, type, unit, ...}");
        } else {
            for (NodeTuple t : pointMap.getValue()) {
                String pointName = scalar(t.getKeyNode());
                if (pointName == null || !POINT_NAME.matcher(pointName).matches()) {
                    problem(t.getKeyNode(), "point name \"" + pointName + "\" should be letters, digits, '.', '_' or '-', e.g. loop1.current");
                    continue;
                }
                PointSpec p = point(pointName, t, faultCodes);
                if (p != null) {
                    points.put(pointName, p);
                }
            }
        }
        return new DeviceProfile(name, description, points, new SourceRef(file, 1));
    }

    private PointSpec point(String pointName, NodeTuple tuple, Map<Long, String> profileFaults) {
        int before = problems.size();
        Node node = tuple.getValueNode();
        if (!(node instanceof MappingNode map)) {
            problem(node, "point " + pointName + " must be a map like {register: 0x004A, type: u16, unit: mA}");
            return null;
        }
        String what = "point " + pointName;
        Map<String, NodeTuple> k = entries(map, POINT_KEYS, what);
        Integer register = k.containsKey("register") ? integer(k.get("register").getValueNode(), what + " register", 0, 0xFFFF) : null;
        if (!k.containsKey("register")) {
            problem(node, what + " has no register; expected its address, e.g. register: 0x004A");
        }
        int function = k.containsKey("function") ? orZero(integer(k.get("function").getValueNode(), what + " function", 3, 4)) : 3;
        DataType type = DataType.U16;
        if (k.containsKey("type")) {
            String t = text(k.get("type").getValueNode(), what + " type");
            Optional<DataType> dt = DataType.bySiteName(t == null ? "" : t.toLowerCase(Locale.ROOT));
            if (dt.isEmpty()) {
                problem(k.get("type").getValueNode(), what + " type \"" + t + "\" is unknown; expected one of " + String.join(", ", DataType.siteNames()));
            } else {
                type = dt.get();
            }
        }
        DataType.WordOrder order = DataType.WordOrder.HIGH_FIRST;
        if (k.containsKey("wordOrder")) {
            String o = text(k.get("wordOrder").getValueNode(), what + " wordOrder");
            if ("high-first".equals(o)) {
                order = DataType.WordOrder.HIGH_FIRST;
            } else if ("low-first".equals(o)) {
                order = DataType.WordOrder.LOW_FIRST;
            } else {
                problem(k.get("wordOrder").getValueNode(), what + " wordOrder \"" + o + "\" is unknown; expected high-first (ABCD) or low-first (CDAB)");
            }
            if (type.words() == 1) {
                problem(k.get("wordOrder").getValueNode(), what + " wordOrder applies only to u32, s32 and float32");
            }
        }
        if (register != null && register + type.words() - 1 > 0xFFFF) {
            problem(k.get("register").getValueNode(), what + " register 0x" + Integer.toHexString(register) + " is the last one; a "
                    + type.siteName() + " needs " + type.words() + " registers");
        }
        double scale = k.containsKey("scale") ? orOne(decimal(k.get("scale").getValueNode(), what + " scale")) : 1.0;
        if (scale == 0) {
            problem(k.get("scale").getValueNode(), what + " scale must not be 0");
        }
        Integer decimals = k.containsKey("decimals") ? integer(k.get("decimals").getValueNode(), what + " decimals", 0, 9) : null;
        Integer decimalsRegister = k.containsKey("decimalsRegister")
                ? integer(k.get("decimalsRegister").getValueNode(), what + " decimalsRegister", 0, 0xFFFF) : null;
        if (decimals != null && decimalsRegister != null) {
            problem(k.get("decimalsRegister").getKeyNode(), what + " has both decimals and decimalsRegister; expected one of them");
        }
        Integer bit = k.containsKey("bit") ? integer(k.get("bit").getValueNode(), what + " bit", 0, 15) : null;
        if (bit != null && type.words() != 1) {
            problem(k.get("bit").getKeyNode(), what + " bit applies only to u16 and s16 registers");
        }
        String subtractFrom = null;
        if (k.containsKey("subtractFrom")) {
            subtractFrom = text(k.get("subtractFrom").getValueNode(), what + " subtractFrom");
            if (subtractFrom != null && !PARAMETER_NAME.matcher(subtractFrom).matches()) {
                problem(k.get("subtractFrom").getValueNode(), what + " subtractFrom \"" + subtractFrom
                        + "\" should name a sensor address parameter (letters and digits), e.g. mountHeightCm");
            }
        }
        String unit = k.containsKey("unit") ? text(k.get("unit").getValueNode(), what + " unit") : "";
        Quantity quantity = null;
        if (k.containsKey("quantity")) {
            String q = text(k.get("quantity").getValueNode(), what + " quantity");
            Optional<SensorType> st = SensorType.bySiteName(q == null ? "" : q);
            if (st.isEmpty()) {
                problem(k.get("quantity").getValueNode(), what + " quantity \"" + q + "\" is unknown; expected one of "
                        + String.join(", ", SensorType.siteNames()));
            } else {
                quantity = st.get().quantity();
                if (!unit.equals(quantity.unit())) {
                    problem(k.containsKey("unit") ? k.get("unit").getValueNode() : node, what + " unit \"" + unit + "\" differs from "
                            + q + "'s unit \"" + quantity.unit() + "\"; scale the point to " + quantity.unit());
                }
            }
        }
        boolean writable = false;
        if (k.containsKey("access")) {
            String a = text(k.get("access").getValueNode(), what + " access");
            if ("rw".equals(a)) {
                writable = true;
            } else if (!"r".equals(a)) {
                problem(k.get("access").getValueNode(), what + " access \"" + a + "\" is unknown; expected r (read-only) or rw");
            }
        }
        if (writable && (bit != null || subtractFrom != null || decimalsRegister != null)) {
            problem(k.get("access").getValueNode(), what + " is rw but uses bit, subtractFrom or decimalsRegister, which cannot be written back");
        }
        if (writable && function != 3) {
            problem(k.get("access").getValueNode(), what + " is rw but read with function 4; only holding registers (function 3) can be written");
        }
        Double min = k.containsKey("min") ? decimal(k.get("min").getValueNode(), what + " min") : null;
        Double max = k.containsKey("max") ? decimal(k.get("max").getValueNode(), what + " max") : null;
        Map<Long, String> faults = k.containsKey("faultCodes") ? faultCodes(k.get("faultCodes").getValueNode())
                : quantity == null ? Map.of() : profileFaults;
        if (register != null && decimalsRegister != null && Math.abs(register - decimalsRegister) >= RtuRequest.MAX_READ) {
            problem(k.get("decimalsRegister").getValueNode(), what + " decimalsRegister is too far from register to read both in one request");
        }
        if (problems.size() != before || register == null) {
            return null;
        }
        return new PointSpec(pointName, register, function, type, order, scale, decimals, decimalsRegister, bit, subtractFrom,
                unit, quantity, writable, min, max, faults, at(tuple.getKeyNode()));
    }

    private Map<Long, String> faultCodes(Node node) {
        Map<Long, String> codes = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            problem(node, "faultCodes must be a map of raw values to meanings, e.g. {0xE5E5: sensor short}");
            return codes;
        }
        for (NodeTuple t : map.getValue()) {
            Long code = longValue(t.getKeyNode(), "fault code", 0, 0xFFFF_FFFFL);
            String meaning = text(t.getValueNode(), "meaning of fault code");
            if (code != null && meaning != null) {
                codes.put(code, meaning);
            }
        }
        return codes;
    }

    private Map<String, NodeTuple> entries(MappingNode map, List<String> allowed, String what) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            if (key == null || !allowed.contains(key)) {
                problem(t.getKeyNode(), what + " has unknown key \"" + key + "\"; expected " + String.join(", ", allowed));
            } else {
                out.put(key, t);
            }
        }
        return out;
    }

    private String text(Node node, String what) {
        String s = scalar(node);
        if (s == null) {
            problem(node, what + " must be text");
        }
        return s;
    }

    private Integer integer(Node node, String what, int min, int max) {
        Long v = longValue(node, what, min, max);
        return v == null ? null : v.intValue();
    }

    private Long longValue(Node node, String what, long min, long max) {
        String s = scalar(node);
        Optional<Long> v = s == null ? Optional.empty() : parseLong(s);
        if (v.isEmpty() || v.get() < min || v.get() > max) {
            problem(node, what + " \"" + s + "\" must be a whole number in " + min + ".." + max
                    + (max >= 0xFFFF ? String.format(" (0x%X)", max) : "") + ", decimal or 0x hex");
            return null;
        }
        return v.get();
    }

    private Double decimal(Node node, String what) {
        String s = scalar(node);
        try {
            double d = Double.parseDouble(s == null ? "" : s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, what + " \"" + s + "\" must be a number, e.g. 0.1");
        return null;
    }

    static Optional<Long> parseLong(String s) {
        try {
            String t = s.trim().replace("_", "");
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Optional.of(Long.parseLong(t.substring(2), 16));
            }
            return Optional.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private void problem(Node node, String message) {
        problems.add(new ConfigProblem(at(node), message));
    }

    private SourceRef at(Node node) {
        return new SourceRef(file, node.getStartMark().getLine() + 1);
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static double orOne(Double v) {
        return v == null ? 1.0 : v;
    }
}
