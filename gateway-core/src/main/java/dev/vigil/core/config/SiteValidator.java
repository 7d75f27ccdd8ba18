package dev.vigil.core.config;

import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The checks only drivers and uplinks can make: each bus and uplink must have a factory of its
 * type installed, and that factory validates its options and the sensors' addresses.
 */
public final class SiteValidator {

    private static final Comparator<ConfigProblem> IN_FILE_ORDER =
            Comparator.comparing((ConfigProblem p) -> p.where().file()).thenComparingInt(p -> p.where().line());

    private SiteValidator() {
    }

    /**
     * Parses {@code file} and validates it against the installed factories in one run, so the
     * installer sees the problems of both steps at once.
     *
     * @return valid only when the file parses and every factory accepts it
     */
    public static SiteFileResult check(java.nio.file.Path file, Map<String, DriverFactory> driversByType,
            Map<String, UplinkFactory> uplinksByType) {
        SiteFileResult parsed = SiteFileParser.parse(file);
        List<ConfigProblem> problems = new ArrayList<>(parsed.problems());
        parsed.checkablePart().ifPresent(part -> problems.addAll(validate(part, driversByType, uplinksByType)));
        if (problems.isEmpty()) {
            return parsed;
        }
        problems.sort(IN_FILE_ORDER);
        return SiteFileResult.invalid(problems, parsed.checkablePart().orElse(null));
    }

    /**
     * @param driversByType  installed driver factories by {@link DriverFactory#type()}
     * @param uplinksByType  installed uplink factories by {@link UplinkFactory#type()}
     * @return every problem, in file order; empty when the site can run with these factories
     */
    public static List<ConfigProblem> validate(SiteConfig config, Map<String, DriverFactory> driversByType,
            Map<String, UplinkFactory> uplinksByType) {
        List<ConfigProblem> problems = new ArrayList<>(sharedPorts(config.buses()));
        for (int i = 0; i < config.buses().size(); i++) {
            BusConfig bus = config.buses().get(i);
            DriverFactory factory = driversByType.get(bus.driver());
            if (factory == null) {
                problems.add(new ConfigProblem(bus.where(), "buses[" + i + "] \"" + bus.id() + "\": "
                        + missing("driver", bus.driver(), KnownBundles.forDriver(bus.driver()), driversByType.keySet(),
                                KnownBundles.driverTypes())));
                continue;
            }
            problems.addAll(guarded(() -> factory.validate(bus, config.sensorsOn(bus.id())), bus.where(),
                    "driver " + bus.driver() + " failed to check bus \"" + bus.id() + "\""));
        }
        for (int i = 0; i < config.uplinks().size(); i++) {
            UplinkConfig uplink = config.uplinks().get(i);
            UplinkFactory factory = uplinksByType.get(uplink.type());
            if (factory == null) {
                problems.add(new ConfigProblem(uplink.where(), "uplinks[" + i + "] \"" + uplink.id() + "\": "
                        + missing("uplink", uplink.type(), KnownBundles.forUplink(uplink.type()), uplinksByType.keySet(),
                                KnownBundles.uplinkTypes())));
                continue;
            }
            problems.addAll(guarded(() -> factory.validate(uplink), uplink.where(),
                    "uplink " + uplink.type() + " failed to check uplink \"" + uplink.id() + "\""));
        }
        problems.sort(IN_FILE_ORDER);
        return List.copyOf(problems);
    }

    /** Two buses on one serial port would interleave their frames on the wire, whatever their drivers. */
    private static List<ConfigProblem> sharedPorts(List<BusConfig> buses) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, BusConfig> byPort = new java.util.HashMap<>();
        for (BusConfig bus : buses) {
            Object port = bus.options().get("port");
            if (port == null) {
                continue;
            }
            String key = java.nio.file.Path.of(port.toString()).normalize().toString();
            BusConfig first = byPort.putIfAbsent(key, bus);
            if (first != null) {
                problems.add(new ConfigProblem(bus.options().lineOf("port"), "port " + port + " is used by buses \"" + first.id()
                        + "\" (" + first.options().lineOf("port") + ") and \"" + bus.id() + "\" (" + bus.options().lineOf("port")
                        + "); expected one bus per serial port (put all slaves of one RS-485 line on one bus)"));
            }
        }
        return problems;
    }

    private static String missing(String what, String type, Optional<String> bundle, java.util.Set<String> installed,
            List<String> knownTypes) {
        String installedText = installed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(installed));
        if (bundle.isPresent()) {
            return "no " + what + " of type \"" + type + "\" is installed; install the bundle " + bundle.get()
                    + " (installed " + what + " types: " + installedText + ")";
        }
        TreeSet<String> all = new TreeSet<>(knownTypes);
        all.addAll(installed);
        return "no " + what + " of type \"" + type + "\" is installed and Vigil knows no bundle for it"
                + NearMiss.hint(type, all) + "; expected one of " + String.join(", ", all);
    }

    /** A factory that throws is a bug in that factory; it must not hide the other problems. */
    private static List<ConfigProblem> guarded(Supplier<List<ConfigProblem>> check, SourceRef where, String failure) {
        try {
            List<ConfigProblem> found = check.get();
            return found == null ? List.of() : found;
        } catch (RuntimeException e) {
            return List.of(new ConfigProblem(where, failure + ": " + e + "; this is a bug in that bundle, please report it"));
        }
    }
}
