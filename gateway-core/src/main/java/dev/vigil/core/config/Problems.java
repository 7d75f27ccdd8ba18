package dev.vigil.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one site file, each with its file:line. */
final class Problems {

    private final String file;
    private final List<ConfigProblem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    SourceRef at(Node node) {
        return node == null ? new SourceRef(file, 0) : new SourceRef(file, node.getStartMark().getLine() + 1);
    }

    void add(Node at, String message) {
        add(at(at), message);
    }

    void add(SourceRef at, String message) {
        list.add(new ConfigProblem(at, message));
    }

    int count() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** In file order, so the installer can fix them top to bottom. */
    List<ConfigProblem> sorted() {
        List<ConfigProblem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(p -> p.where().line()));
        return List.copyOf(copy);
    }
}
