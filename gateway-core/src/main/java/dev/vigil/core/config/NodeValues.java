package dev.vigil.core.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns a composed node into plain Java values (String, Integer, Long, Double, Boolean, Map, List)
 * with YAML's own rules, so "0x004A" is 74 and "true" is a Boolean exactly as SnakeYAML loads them.
 */
final class NodeValues extends SafeConstructor {

    NodeValues() {
        super(new LoaderOptions());
    }

    Object valueOf(Node node) {
        return constructObject(node);
    }
}
