package dev.vigil.sim.scenario;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A YAML node that knows its file and line, so every error can say where it is. */
final class YamlNode {
    private final Path file;
    private final Node node;
    private final String path;

    private YamlNode(Path file, Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    static YamlNode load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            if (root == null) {
                throw new ScenarioException(file + ":1: the scenario file is empty");
            }
            return new YamlNode(file, root, "");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ScenarioException(file + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
    }

    String where() {
        return file + ":" + (node.getStartMark().getLine() + 1);
    }

    String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    ScenarioException fail(String what) {
        return new ScenarioException(where() + ": " + path() + ": " + what);
    }

    private Map<String, YamlNode> mapping() {
        if (!(node instanceof MappingNode m)) {
            throw fail("expected a mapping (key: value lines)");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            out.put(key, new YamlNode(file, t.getValueNode(), path.isEmpty() ? key : path + "." + key));
        }
        return out;
    }

    /** Fails on any key not in {@code allowed}, naming the known ones (catches typos). */
    YamlNode onlyKeys(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, YamlNode> e : mapping().entrySet()) {
            if (!ok.contains(e.getKey())) {
                throw e.getValue().fail("unknown key '" + e.getKey() + "'; expected one of " + Arrays.stream(allowed).sorted().toList());
            }
        }
        return this;
    }

    boolean has(String key) {
        return mapping().containsKey(key);
    }

    YamlNode get(String key) {
        return mapping().get(key);
    }

    YamlNode require(String key) {
        YamlNode v = get(key);
        if (v == null) {
            throw fail("missing '" + key + "'");
        }
        return v;
    }

    List<YamlNode> list() {
        if (!(node instanceof SequenceNode s)) {
            throw fail("expected a list (lines starting with '- ')");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new YamlNode(file, s.getValue().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    List<YamlNode> listOrEmpty(String key) {
        YamlNode v = get(key);
        return v == null ? List.of() : v.list();
    }

    String string() {
        if (!(node instanceof ScalarNode s)) {
            throw fail("expected a single value");
        }
        return s.getValue();
    }

    String string(String key, String fallback) {
        YamlNode v = get(key);
        return v == null ? fallback : v.string();
    }

    long integer() {
        try {
            return Long.parseLong(string().trim());
        } catch (NumberFormatException e) {
            throw fail("'" + string() + "' is not a whole number");
        }
    }

    long integer(String key, long fallback) {
        YamlNode v = get(key);
        return v == null ? fallback : v.integer();
    }

    long integerIn(String key, long fallback, long min, long max) {
        long v = integer(key, fallback);
        if (v < min || v > max) {
            throw (has(key) ? get(key) : this).fail(key + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    double number() {
        try {
            return Double.parseDouble(string().trim());
        } catch (NumberFormatException e) {
            throw fail("'" + string() + "' is not a number");
        }
    }

    double number(String key, double fallback) {
        YamlNode v = get(key);
        return v == null ? fallback : v.number();
    }
}
