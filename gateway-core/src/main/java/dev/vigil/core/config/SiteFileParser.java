package dev.vigil.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a site file (see docs/site-file.md) into a {@link SiteConfig}, or reports every problem
 * of the file at once, each with its file:line. Parsing goes through SnakeYAML's node API
 * ({@code compose}) rather than {@code load}, because only nodes keep their line numbers.
 */
public final class SiteFileParser {

    static final List<String> TOP_KEYS = List.of("gateway", "uplinks", "outbox", "telemetry", "buses", "sensors");
    static final List<String> GATEWAY_KEYS = List.of("id", "site");
    static final List<String> OUTBOX_KEYS = List.of("dir", "telemetryMaxBytes", "segmentMaxBytes");
    static final List<String> TELEMETRY_KEYS = List.of("batchMaxReadings", "batchMaxAge");

    public static final long DEFAULT_TELEMETRY_MAX_BYTES = 64L << 20;
    public static final long DEFAULT_SEGMENT_MAX_BYTES = 8L << 20;
    /** Below this a segment file is mostly MapDB overhead. */
    public static final long MIN_SEGMENT_BYTES = 64L << 10;
    public static final int DEFAULT_BATCH_MAX_READINGS = 200;
    public static final int MAX_BATCH_READINGS = 10_000;
    public static final Duration DEFAULT_BATCH_MAX_AGE = Duration.ofSeconds(10);

    /** Option keys that would put a secret in the site file; the secret belongs in a file named by "&lt;key&gt;File". */
    static final Set<String> SECRET_KEYS = Set.of("password", "passphrase", "secret", "psk", "token");

    private final Path file;
    private final Problems problems;
    private final NodeValues values = new NodeValues();

    private SiteFileParser(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Never throws for a bad or unreadable file: that is a problem in the result. */
    public static SiteFileResult parse(Path file) {
        Problems problems = new Problems(file.toString());
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by YamlMap with both lines, not thrown
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            problems.add(new SourceRef(file.toString(), lineOf(e)), syntaxMessage(e));
            return SiteFileResult.invalid(problems.sorted(), null);
        } catch (YAMLException e) {
            problems.add(new SourceRef(file.toString(), 0), unmarkedMessage(e));
            return SiteFileResult.invalid(problems.sorted(), null);
        } catch (IOException e) {
            problems.add(new SourceRef(file.toString(), 0), "cannot read the site file: " + e);
            return SiteFileResult.invalid(problems.sorted(), null);
        }
        if (root == null) {
            problems.add(new SourceRef(file.toString(), 1), "the file is empty; expected a site file with the keys "
                    + String.join(", ", TOP_KEYS) + " (see docs/site-file.md)");
            return SiteFileResult.invalid(problems.sorted(), null);
        }
        return new SiteFileParser(file, problems).read(root);
    }

    private static int lineOf(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? 0 : mark.getLine() + 1;
    }

    private static String unmarkedMessage(YAMLException e) {
        if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
            return "cannot read the file: it is not UTF-8 text (" + e.getCause() + "); expected a UTF-8 text file";
        }
        if (String.valueOf(e.getMessage()).startsWith("Number of aliases")) {
            return "cannot read the file as YAML: " + e.getMessage() + "; expected at most 50 aliases (*name) of lists or"
                    + " mappings, a limit that protects the gateway from alias bombs";
        }
        return "cannot read the file as YAML: " + e.getMessage() + "; expected a UTF-8 YAML text file";
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        StringBuilder b = new StringBuilder("YAML syntax error: ").append(e.getProblem());
        if (e.getContext() != null) {
            b.append(" (").append(e.getContext());
            if (e.getContextMark() != null && e.getProblemMark() != null
                    && e.getContextMark().getLine() != e.getProblemMark().getLine()) {
                b.append(" started at line ").append(e.getContextMark().getLine() + 1);
            }
            b.append(')');
        }
        String problem = String.valueOf(e.getProblem());
        if (problem.contains("\\t") || problem.contains("\t")) {
            b.append("; expected indentation with spaces, not tabs");
        } else {
            b.append("; expected 'key: value' lines and '- ' list items, indented with spaces");
        }
        return b.toString();
    }

    private SiteFileResult read(Node root) {
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            problems.add(root, "the file must be a mapping of keys (" + String.join(", ", TOP_KEYS) + "), found "
                    + YamlMap.describe(root));
            return SiteFileResult.invalid(problems.sorted(), null);
        }
        Optional<YamlMap> top = YamlMap.of(root, "", String.join(", ", TOP_KEYS), problems, values);
        YamlMap t = top.get();
        List<String> allowedTop = new ArrayList<>(TOP_KEYS);
        t.keys().stream().filter(k -> k.startsWith("x-")).forEach(allowedTop::add); // room for YAML anchors, ignored
        t.allowOnly(allowedTop);

        String gatewayId = null;
        String site = null;
        Optional<YamlMap> gateway = t.map("gateway", "id, site");
        if (gateway.isPresent()) {
            YamlMap g = gateway.get();
            g.allowOnly(GATEWAY_KEYS);
            gatewayId = g.requiredId("id", "the gateway's id on the platform, e.g. gw-futian-0042").orElse(null);
            site = g.requiredText("site", "the site's name, e.g. Lianhua Building 3").orElse(null);
        } else if (!t.has("gateway")) {
            t.missing("gateway", "gateway: {id: <gateway id>, site: <site name>}");
        }

        if (!t.has("uplinks") && t.value("uplinks") != null) {
            t.problem("uplinks", "uplinks is empty; expected at least one uplink, alarms need somewhere to go");
        } else if (!t.has("uplinks")) {
            t.missing("uplinks", "a list of uplinks, e.g. - {id: platform, type: mqtt, url: ssl://...:8883}; alarms need somewhere to go");
        }
        List<UplinkConfig> uplinks = uplinks(t);
        if (t.has("uplinks") && uplinks.isEmpty() && t.value("uplinks") instanceof org.yaml.snakeyaml.nodes.SequenceNode s
                && s.getValue().isEmpty()) {
            t.problem("uplinks", "uplinks is empty; expected at least one uplink, alarms need somewhere to go");
        }
        OutboxConfig outbox = outbox(t);
        TelemetryConfig telemetry = telemetry(t);
        Map<String, Node> busIds = new LinkedHashMap<>();
        List<BusConfig> buses = buses(t, busIds);
        OutputActionReader actions = new OutputActionReader(problems, values);
        actions.declareOutputs(buses);
        List<SensorConfig> sensors = new SensorReader(problems, values, busIds, site == null ? "" : site, actions).sensors(t);

        SiteConfig whole = new SiteConfig(gatewayId == null ? "" : gatewayId, site == null ? "" : site, uplinks,
                outbox, telemetry, buses, sensors, actions.actions(), file.toAbsolutePath().normalize().toString());
        return problems.isEmpty() ? SiteFileResult.valid(whole) : SiteFileResult.invalid(problems.sorted(), whole);
    }

    /** Uplinks that parsed cleanly; each keeps every key but id and type as options for its factory. */
    private List<UplinkConfig> uplinks(YamlMap t) {
        List<UplinkConfig> result = new ArrayList<>();
        Map<String, Node> ids = new LinkedHashMap<>();
        List<Node> items = t.list("uplinks", "uplinks");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMap> m = YamlMap.of(items.get(i), "uplinks[" + i + "]", "id, type and the uplink's options", problems, values);
            if (m.isEmpty()) {
                continue;
            }
            YamlMap u = m.get();
            int before = problems.count();
            Optional<String> id = u.requiredId("id", "the uplink's id, e.g. platform");
            id.ifPresent(v -> unique(ids, v, u, "uplink", problems));
            Optional<String> type = u.requiredText("type", "the uplink type, e.g. mqtt or coap");
            Options options = u.optionsExcept(List.of("id", "type"));
            rejectInlineSecrets(u, options);
            if (problems.count() == before) {
                result.add(new UplinkConfig(id.get(), type.get(), options, u.where()));
            }
        }
        return result;
    }

    private List<BusConfig> buses(YamlMap t, Map<String, Node> ids) {
        List<BusConfig> result = new ArrayList<>();
        List<Node> items = t.list("buses", "buses or ports");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMap> m = YamlMap.of(items.get(i), "buses[" + i + "]", "id, driver and the driver's options", problems, values);
            if (m.isEmpty()) {
                continue;
            }
            YamlMap b = m.get();
            int before = problems.count();
            Optional<String> id = b.requiredId("id", "the bus's id, e.g. rs485-1");
            id.ifPresent(v -> unique(ids, v, b, "bus", problems));
            Optional<String> driver = b.requiredText("driver", "the driver type, e.g. modbus-rtu, gpio or simulated");
            Options options = b.optionsExcept(List.of("id", "driver"));
            rejectInlineSecrets(b, options);
            if (problems.count() == before) {
                result.add(new BusConfig(id.get(), driver.get(), options, b.where()));
            }
        }
        return result;
    }

    private OutboxConfig outbox(YamlMap t) {
        Optional<YamlMap> m = t.map("outbox", String.join(", ", OUTBOX_KEYS));
        if (m.isEmpty()) {
            if (!t.has("outbox")) {
                t.missing("outbox", "outbox: {dir: /var/lib/vigil/outbox}, the directory where alarms and telemetry are kept on disk");
            }
            return null;
        }
        YamlMap o = m.get();
        o.allowOnly(OUTBOX_KEYS);
        Path dir = o.requiredText("dir", "the directory where alarms and telemetry are kept on disk, e.g. /var/lib/vigil/outbox"
                + " (a relative path is relative to this file)").map(this::resolve).orElse(null);
        long telemetryMax = o.size("telemetryMaxBytes").orElse(DEFAULT_TELEMETRY_MAX_BYTES);
        long segmentMax = o.size("segmentMaxBytes").orElse(DEFAULT_SEGMENT_MAX_BYTES);
        if (segmentMax < MIN_SEGMENT_BYTES) {
            o.problem("segmentMaxBytes", o.pathOf("segmentMaxBytes") + " " + ByteSizes.format(segmentMax) + " is too small; expected at least "
                    + ByteSizes.format(MIN_SEGMENT_BYTES) + " (default " + ByteSizes.format(DEFAULT_SEGMENT_MAX_BYTES) + ")");
        } else if (segmentMax > telemetryMax) {
            String key = o.has("segmentMaxBytes") ? "segmentMaxBytes" : "telemetryMaxBytes";
            o.problem(key, o.pathOf("segmentMaxBytes") + " " + ByteSizes.format(segmentMax) + " is larger than telemetryMaxBytes "
                    + ByteSizes.format(telemetryMax) + "; expected segmentMaxBytes <= telemetryMaxBytes, because telemetry is evicted"
                    + " a segment at a time");
        }
        return dir == null ? null : new OutboxConfig(dir, telemetryMax, segmentMax);
    }

    private Path resolve(String dir) {
        Path p = Path.of(dir);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path base = file.toAbsolutePath().getParent();
        return base.resolve(p).normalize();
    }

    private TelemetryConfig telemetry(YamlMap t) {
        Optional<YamlMap> m = t.map("telemetry", String.join(", ", TELEMETRY_KEYS));
        if (m.isEmpty()) {
            return new TelemetryConfig(DEFAULT_BATCH_MAX_READINGS, DEFAULT_BATCH_MAX_AGE);
        }
        YamlMap tm = m.get();
        tm.allowOnly(TELEMETRY_KEYS);
        int readings = tm.integer("batchMaxReadings", 1, MAX_BATCH_READINGS,
                "a whole number from 1 to " + MAX_BATCH_READINGS + " (default " + DEFAULT_BATCH_MAX_READINGS + ")")
                .orElse(DEFAULT_BATCH_MAX_READINGS);
        Duration age = tm.duration("batchMaxAge").orElse(DEFAULT_BATCH_MAX_AGE);
        if (age.isZero()) {
            tm.problem("batchMaxAge", tm.pathOf("batchMaxAge") + " must be longer than 0s; expected how long a telemetry batch may collect"
                    + " readings, e.g. 10s");
        }
        return new TelemetryConfig(readings, age);
    }

    /** Reports {@code id} when another item of the same kind already used it, naming that item's line. */
    static void unique(Map<String, Node> ids, String id, YamlMap where, String what, Problems problems) {
        Node first = ids.putIfAbsent(id, where.value("id"));
        if (first != null) {
            where.problem("id", where.pathOf("id") + " \"" + id + "\" is already used by another " + what + " (line "
                    + problems.at(first).line() + "); expected " + what + " ids to be unique");
        }
    }

    private void rejectInlineSecrets(YamlMap m, Options options) {
        for (String key : options.values().keySet()) {
            if (SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                m.problem(key, m.pathOf(key) + ": a secret must not be written in the site file (site files get copied, mailed and"
                        + " committed); expected " + key + "File: <path of a file only the vigil user can read>");
            }
        }
    }

}
