package dev.vigil.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the site file, read through SnakeYAML's node API so every value keeps its line.
 * Every getter reports what is wrong (path, what was found, what is expected) and returns empty,
 * so the parser goes on and finds all problems in one pass.
 */
final class YamlMap {

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final NodeValues values;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(MappingNode node, String path, Problems problems, NodeValues values) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.values = values;
        List<NodeTuple> merges = new ArrayList<>();
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                merges.add(t);
                continue;
            }
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problems.add(t.getKeyNode(), prefix() + "a key must be a plain word, found " + describe(t.getKeyNode()));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), t);
            if (first != null) {
                problems.add(key, pathOf(key.getValue()) + " is written twice (first at line "
                        + problems.at(first.getKeyNode()).line() + "); write each key once");
            }
        }
        merge(merges);
    }

    /**
     * {@code <<: *common} (YAML merge key) copies the keys of an anchored mapping that this mapping
     * does not write itself, so 200 similar sensors can share one block. Their lines stay those of
     * the anchored block.
     */
    private void merge(List<NodeTuple> merges) {
        for (NodeTuple m : merges) {
            Node v = m.getValueNode();
            List<Node> sources = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
            for (Node source : sources) {
                if (!(source instanceof MappingNode sm)) {
                    problems.add(v, pathOf("<<") + " must name an anchored mapping (<<: *name), found " + describe(source));
                    continue;
                }
                for (NodeTuple t : sm.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        entries.putIfAbsent(k.getValue(), t);
                    }
                }
            }
        }
    }

    /** The mapping at {@code node}, or empty (and a problem) when it is something else. */
    static Optional<YamlMap> of(Node node, String path, String expected, Problems problems, NodeValues values) {
        if (node instanceof MappingNode m) {
            return Optional.of(new YamlMap(m, path, problems, values));
        }
        problems.add(node, path + " must be a mapping of keys (" + expected + "), found " + describe(node));
        return Optional.empty();
    }

    String path() {
        return path;
    }

    SourceRef where() {
        return problems.at(node);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** Whether {@code key} is written with a value (an empty {@code key:} counts as not written). */
    boolean has(String key) {
        Node v = value(key);
        return v != null && !isNull(v);
    }

    Node value(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The line of the key's value, or of this mapping when the key is absent. */
    SourceRef whereOf(String key) {
        Node v = value(key);
        return v == null ? where() : problems.at(v);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports every key not in {@code allowed}, listing the allowed ones and the near miss. */
    void allowOnly(Collection<String> allowed) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problems.add(e.getValue().getKeyNode(), "unknown key " + pathOf(e.getKey())
                        + NearMiss.hint(e.getKey(), allowed) + "; allowed keys " + (path.isEmpty() ? "at the top level" : "in " + path)
                        + ": " + String.join(", ", allowed.stream().filter(k -> !k.startsWith("x-")).toList()));
            }
        }
    }

    void missing(String key, String expected) {
        problems.add(where(), prefix() + "required key \"" + key + "\" is missing; expected " + expected);
    }

    void problem(String key, String message) {
        problems.add(whereOf(key), message);
    }

    /** Any scalar as text (numbers too: "floor: 3" is "3"). */
    Optional<String> text(String key, String expected) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s) {
            return Optional.of(s.getValue());
        }
        problems.add(v, pathOf(key) + " must be " + expected + ", found " + describe(v));
        return Optional.empty();
    }

    Optional<String> requiredText(String key, String expected) {
        if (!has(key)) {
            missingOrEmpty(key, expected);
            return Optional.empty();
        }
        Optional<String> t = text(key, expected);
        if (t.isPresent() && t.get().isBlank()) {
            problems.add(value(key), pathOf(key) + " is blank; expected " + expected);
            return Optional.empty();
        }
        return t;
    }

    /** An id: letters, digits, '.', '_' and '-' only, because ids end up in MQTT topics and alarm ids. */
    Optional<String> requiredId(String key, String what) {
        Optional<String> id = requiredText(key, what);
        if (id.isPresent() && !id.get().matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add(value(key), pathOf(key) + " \"" + id.get() + "\" is not a valid id; expected 1 to 64 letters, digits, '.', '_' or '-'"
                    + " (ids are used in MQTT topics and alarm ids, so no spaces, '/', '+' or '#')");
            return Optional.empty();
        }
        return id;
    }

    Optional<Double> number(String key, String expected) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            Object o = values.valueOf(s);
            if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
                return Optional.of(n.doubleValue());
            }
        }
        problems.add(v, pathOf(key) + " " + shown(v) + " is not a number; expected " + expected);
        return Optional.empty();
    }

    Optional<Double> requiredNumber(String key, String expected) {
        if (!has(key)) {
            missingOrEmpty(key, expected);
            return Optional.empty();
        }
        return number(key, expected);
    }

    Optional<Integer> integer(String key, int min, int max, String expected) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.INT) && values.valueOf(s) instanceof Integer i) {
            if (i < min || i > max) {
                problems.add(v, pathOf(key) + " " + i + " is out of range; expected " + expected);
                return Optional.empty();
            }
            return Optional.of(i);
        }
        problems.add(v, pathOf(key) + " " + shown(v) + " is not a whole number; expected " + expected);
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Optional.of((Boolean) values.valueOf(s));
        }
        problems.add(v, pathOf(key) + " " + shown(v) + " is not true or false; expected true or false");
        return Optional.empty();
    }

    Optional<Duration> duration(String key) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s) {
            Optional<Duration> d = Durations.parse(s.getValue());
            if (d.isPresent()) {
                return d;
            }
        }
        problems.add(v, pathOf(key) + " " + shown(v) + " is not a duration; expected " + Durations.EXPECTED);
        return Optional.empty();
    }

    /** Whether the key says {@code off} (or {@code false}): a check switched off on purpose. */
    boolean isOff(String key) {
        return value(key) instanceof ScalarNode s && s.getTag().equals(Tag.BOOL) && Boolean.FALSE.equals(values.valueOf(s));
    }

    Optional<Long> size(String key) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s) {
            Optional<Long> n = ByteSizes.parse(s.getValue());
            if (n.isPresent()) {
                return n;
            }
            Optional<String> meant = ByteSizes.binarySpellingOf(s.getValue());
            if (meant.isPresent()) {
                problems.add(v, pathOf(key) + " " + shown(v) + " uses a decimal unit; expected a binary unit, e.g. " + meant.get()
                        + " (B, KiB, MiB or GiB)");
                return Optional.empty();
            }
        }
        problems.add(v, pathOf(key) + " " + shown(v) + " is not a size; expected " + ByteSizes.EXPECTED);
        return Optional.empty();
    }

    Optional<YamlMap> map(String key, String expected) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return Optional.empty();
        }
        return of(v, pathOf(key), expected, problems, values);
    }

    /** The items of a list; an absent or empty key is an empty list. */
    List<Node> list(String key, String expected) {
        Node v = value(key);
        if (v == null || isNull(v)) {
            return List.of();
        }
        if (v instanceof SequenceNode s) {
            return new ArrayList<>(s.getValue());
        }
        problems.add(v, pathOf(key) + " must be a list (" + expected + ", each item starting with '- '), found " + describe(v));
        return List.of();
    }

    /** Every key except {@code consumed}, as {@link Options} with the line of each key ("tls.caFile" for nested ones). */
    Options optionsExcept(Collection<String> consumed) {
        Map<String, Object> opts = new LinkedHashMap<>();
        Map<String, SourceRef> lines = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (consumed.contains(e.getKey())) {
                continue;
            }
            Node v = e.getValue().getValueNode();
            opts.put(e.getKey(), values.valueOf(v));
            lines.put(e.getKey(), problems.at(e.getValue().getKeyNode()));
            addNestedLines(e.getKey(), v, lines, 0);
        }
        return new Options(opts, lines, where());
    }

    /** Depth-limited: an anchor can refer to itself ({@code a: &x {b: *x}}). */
    private void addNestedLines(String prefix, Node v, Map<String, SourceRef> lines, int depth) {
        if (v instanceof MappingNode m && depth < 8) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String key = prefix + "." + k.getValue();
                    lines.putIfAbsent(key, problems.at(k));
                    addNestedLines(key, t.getValueNode(), lines, depth + 1);
                }
            }
        }
    }

    private void missingOrEmpty(String key, String expected) {
        if (value(key) != null) {
            problems.add(value(key), pathOf(key) + " is empty; expected " + expected);
        } else {
            missing(key, expected);
        }
    }

    private String prefix() {
        return path.isEmpty() ? "" : path + ": ";
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** The value as written, quoted when it is text: 520, "5 s", "abc". */
    static String shown(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getTag().equals(Tag.STR) ? "\"" + s.getValue() + "\"" : s.getValue();
        }
        return describe(n);
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.NULL)) {
                return "nothing";
            }
            if (s.getTag().equals(Tag.STR)) {
                return "the text \"" + s.getValue() + "\"";
            }
            return s.getValue();
        }
        return "an alias";
    }
}
