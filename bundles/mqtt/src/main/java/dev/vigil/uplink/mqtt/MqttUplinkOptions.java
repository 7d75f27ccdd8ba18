package dev.vigil.uplink.mqtt;

import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Durations;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.UplinkConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of an {@code type: mqtt} uplink, as written in the site file (see docs/mqtt-uplink.md).
 *
 * @param url            {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId       MQTT client id, default {@code vigil-<gatewayId>}
 * @param topicPrefix    first topic level, default {@value #DEFAULT_TOPIC_PREFIX}
 * @param username       optional user name
 * @param passwordFile   optional file holding the password, read at every connect, never logged
 * @param caFile         optional PEM file of the CA(s) to trust for {@code ssl://}; default the JVM's trust store
 * @param keepAlive      MQTT keep-alive interval
 * @param connectTimeout how long one connection attempt may take
 * @param publishTimeout how long a QoS 1 publish may wait for its PUBACK before it counts as failed
 * @param insecure       explicitly accepts {@code tcp://} to a host other than this machine
 */
public record MqttUplinkOptions(
        URI url,
        String clientId,
        String topicPrefix,
        String username,
        Path passwordFile,
        Path caFile,
        Duration keepAlive,
        Duration connectTimeout,
        Duration publishTimeout,
        boolean insecure) {

    public static final String DEFAULT_TOPIC_PREFIX = "vigil";
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    static final List<String> KEYS = List.of("url", "clientId", "topicPrefix", "username", "passwordFile", "caFile",
            "keepAlive", "connectTimeout", "publishTimeout", "insecure");
    /** Keys a site-file parser may leave in the options although they are the uplink's own fields. */
    private static final Set<String> UPLINK_FIELDS = Set.of("id", "type");

    /** Whether {@link #url} is plain TCP to a host other than this machine. */
    public boolean plaintextToRemoteHost() {
        return "tcp".equals(url.getScheme()) && !isLoopback(url.getHost());
    }

    /** {@code tcp://host:port} as Paho wants it (the port defaults to 1883, or 8883 for ssl). */
    public String serverUri() {
        int port = url.getPort() > 0 ? url.getPort() : ("ssl".equals(url.getScheme()) ? 8883 : 1883);
        return url.getScheme() + "://" + url.getHost() + ":" + port;
    }

    /** Reads the options, adding each problem (with the line of its key) to {@code problems}; null if any. */
    static MqttUplinkOptions parse(UplinkConfig config, String gatewayId, List<ConfigProblem> problems) {
        Reader r = new Reader(config, problems);
        int before = problems.size();
        Options o = config.options();
        for (String key : o.values().keySet()) {
            if (key.equals("password")) {
                problems.add(r.problem(key, "an inline password is not accepted (a site file is no place for a secret);"
                        + " put it in a file only the gateway can read and name that file with passwordFile"));
            } else if (!KEYS.contains(key) && !UPLINK_FIELDS.contains(key)) {
                problems.add(r.problem(key, "unknown option '" + key + "' for an mqtt uplink; known options: "
                        + String.join(", ", KEYS)));
            }
        }
        URI url = r.url();
        boolean insecure = r.bool("insecure");
        if (url != null) {
            boolean tcp = "tcp".equals(url.getScheme());
            if (tcp && !insecure && !isLoopback(url.getHost())) {
                problems.add(r.problem("url", "url " + url + " would send alarms and credentials unencrypted to "
                        + url.getHost() + "; use ssl:// or set insecure: true to accept plain TCP explicitly"));
            }
            if (!tcp && insecure) {
                problems.add(r.problem("insecure", "insecure: true only applies to tcp:// urls; an ssl:// connection"
                        + " always verifies the broker's certificate (give caFile to trust a private CA)"));
            }
            if (tcp && o.has("caFile")) {
                problems.add(r.problem("caFile", "caFile is only used with ssl:// urls, but url is " + url));
            }
        }
        String clientId = r.text("clientId", "vigil-" + gatewayId);
        if (clientId != null && (clientId.isBlank() || clientId.length() > 65535)) {
            problems.add(r.problem("clientId", "clientId must not be empty"));
        }
        String prefix = r.text("topicPrefix", DEFAULT_TOPIC_PREFIX);
        if (prefix != null && (prefix.isBlank() || prefix.startsWith("/") || prefix.endsWith("/")
                || prefix.contains("+") || prefix.contains("#"))) {
            problems.add(r.problem("topicPrefix", "topicPrefix '" + prefix + "' must be topic levels like vigil or"
                    + " city/futian, without a leading or trailing / and without the wildcards + and #"));
        }
        String username = r.text("username", null);
        Path passwordFile = r.readableFile("passwordFile");
        if (passwordFile != null && username == null) {
            problems.add(r.problem("passwordFile", "passwordFile is given but username is not; MQTT sends a password"
                    + " only together with a user name"));
        }
        Path caFile = r.readableFile("caFile");
        if (caFile != null) {
            try {
                TrustedCa.socketFactory(caFile);
            } catch (IOException e) {
                problems.add(r.problem("caFile", e.getMessage() + "; expected one or more -----BEGIN CERTIFICATE----- blocks"));
            }
        }
        Duration keepAlive = r.duration("keepAlive", DEFAULT_KEEP_ALIVE, Duration.ofSeconds(1), Duration.ofSeconds(65535));
        Duration connectTimeout = r.duration("connectTimeout", DEFAULT_CONNECT_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration publishTimeout = r.duration("publishTimeout", DEFAULT_PUBLISH_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(10));
        if (problems.size() > before) {
            return null;
        }
        return new MqttUplinkOptions(url, clientId, prefix, username, passwordFile, caFile, keepAlive, connectTimeout,
                publishTimeout, insecure);
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // only literal addresses are resolved, so validation never waits on DNS
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Reads typed values from the options, reporting each bad one at its line. */
    private static final class Reader {
        private final UplinkConfig config;
        private final Options o;
        private final List<ConfigProblem> problems;

        Reader(UplinkConfig config, List<ConfigProblem> problems) {
            this.config = config;
            this.o = config.options();
            this.problems = problems;
        }

        ConfigProblem problem(String key, String what) {
            return new ConfigProblem(o.lineOf(key), "uplink " + config.id() + ": " + what);
        }

        URI url() {
            if (!o.has("url")) {
                problems.add(problem("url", "url is required, e.g. url: ssl://broker.example.org:8883"
                        + " (or tcp://127.0.0.1:1883 for a broker on this machine)"));
                return null;
            }
            String text = String.valueOf(o.get("url")).trim();
            try {
                URI uri = new URI(text);
                if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
                    problems.add(problem("url", "url " + text + " must start with tcp:// or ssl://"));
                    return null;
                }
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    problems.add(problem("url", "url " + text + " has no host; expected e.g. ssl://broker.example.org:8883"));
                    return null;
                }
                if ((uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null || uri.getUserInfo() != null) {
                    problems.add(problem("url", "url " + text + " must be just scheme://host:port (user and password"
                            + " go to username and passwordFile)"));
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                problems.add(problem("url", "url " + text + " is not a valid URL: " + e.getReason()));
                return null;
            }
        }

        String text(String key, String fallback) {
            if (!o.has(key)) {
                return fallback;
            }
            Object v = o.get(key);
            if (v == null || v instanceof java.util.Map || v instanceof java.util.List) {
                problems.add(problem(key, key + " must be a plain text value"));
                return null;
            }
            return String.valueOf(v).trim();
        }

        boolean bool(String key) {
            if (!o.has(key)) {
                return false;
            }
            Object v = o.get(key);
            if (v instanceof Boolean b) {
                return b;
            }
            if ("true".equals(String.valueOf(v)) || "false".equals(String.valueOf(v))) {
                return Boolean.parseBoolean(String.valueOf(v));
            }
            problems.add(problem(key, key + ": " + v + " must be true or false"));
            return false;
        }

        Path readableFile(String key) {
            if (text(key, null) == null) {
                return null;
            }
            Path p = o.path(key).orElseThrow(); // relative to the site file
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                problems.add(problem(key, key + " " + p + " does not exist or is not a readable file"));
                return null;
            }
            return p;
        }

        Duration duration(String key, Duration fallback, Duration min, Duration max) {
            if (!o.has(key)) {
                return fallback;
            }
            Object v = o.get(key);
            Duration d = Durations.parse(String.valueOf(v)).orElse(null);
            if (d == null) {
                problems.add(problem(key, key + ": " + v + " is not a duration; expected " + Durations.EXPECTED));
                return null;
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problems.add(problem(key, key + ": " + v + " is out of range; expected " + Durations.format(min)
                        + " to " + Durations.format(max)));
                return null;
            }
            return d;
        }
    }

    /** Every problem with {@code config}, each naming its file:line. */
    static List<ConfigProblem> validate(UplinkConfig config, String gatewayId) {
        List<ConfigProblem> problems = new ArrayList<>();
        parse(config, gatewayId, problems);
        return problems;
    }
}
