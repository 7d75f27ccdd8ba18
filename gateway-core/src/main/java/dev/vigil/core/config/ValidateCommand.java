package dev.vigil.core.config;

import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * {@code vigil validate FILE}: checks a site file without starting anything.
 * Exit codes: 0 valid, 1 the file has problems (each printed to stderr as "file:line: ..."),
 * 2 usage or I/O error. Drivers and uplinks are found with {@link ServiceLoader} on the class
 * path; a bus or uplink whose type is not there is reported with the bundle that provides it.
 */
public final class ValidateCommand {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = "usage: vigil validate FILE\n"
            + "  checks a site file and prints every problem with its file:line (exit 1), or OK (exit 0)";

    private ValidateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs with the factories found on the class path. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, load(DriverFactory.class, DriverFactory::type, err), load(UplinkFactory.class, UplinkFactory::type, err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        List<String> rest = List.of(args);
        if (!rest.isEmpty() && rest.get(0).equals("validate")) {
            rest = rest.subList(1, rest.size());
        }
        if (rest.size() != 1 || rest.get(0).startsWith("-")) {
            err.println(rest.contains("--help") || rest.contains("-h") ? USAGE_TEXT : "vigil validate: expected exactly one FILE\n" + USAGE_TEXT);
            return USAGE;
        }
        Path file;
        try {
            file = Path.of(rest.get(0));
        } catch (InvalidPathException e) {
            err.println("vigil validate: " + rest.get(0) + " is not a valid path: " + e.getReason());
            return USAGE;
        }
        if (!Files.isRegularFile(file)) {
            err.println("vigil validate: " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
            return USAGE;
        }
        if (!Files.isReadable(file)) {
            err.println("vigil validate: " + file + " is not readable by this user");
            return USAGE;
        }
        SiteFileResult result = SiteValidator.check(file, drivers, uplinks);
        if (result.isValid()) {
            SiteConfig c = result.config().orElseThrow();
            out.println("OK: " + file + ": gateway " + c.gatewayId() + ", " + c.sensors().size() + " sensors on " + c.buses().size()
                    + " buses, " + c.uplinks().size() + " uplinks");
            return VALID;
        }
        for (ConfigProblem p : result.problems()) {
            err.println(p);
        }
        err.println("FAILED: " + file + ": " + result.problems().size() + " problem(s); fix them and run vigil validate again");
        return INVALID;
    }

    /** A factory that cannot be loaded is skipped with a note; its type then shows up as not installed. */
    private static <F> Map<String, F> load(Class<F> type, Function<F, String> typeName, PrintStream err) {
        Map<String, F> byType = new LinkedHashMap<>();
        Iterator<F> it = ServiceLoader.load(type).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                F factory = it.next();
                byType.putIfAbsent(typeName.apply(factory), factory);
            } catch (ServiceConfigurationError e) {
                err.println("vigil validate: note: skipped a " + type.getSimpleName() + " that cannot be loaded: " + e.getMessage());
            }
        }
        return byType;
    }
}
