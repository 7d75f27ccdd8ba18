package dev.vigil.driver.modbus;

import dev.vigil.core.config.SourceRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A device type as data: the points of one kind of Modbus slave, loaded from
 * {@code config/profiles/<name>.yaml}.
 *
 * @param name   the file name without ".yaml", what sensor addresses refer to
 * @param points the points by name, in file order
 * @param where  the profile file
 */
public record DeviceProfile(String name, String description, Map<String, PointSpec> points, SourceRef where) {

    public DeviceProfile {
        points = Collections.unmodifiableMap(new LinkedHashMap<>(points));
    }

    public Optional<PointSpec> point(String pointName) {
        return Optional.ofNullable(points.get(pointName));
    }

    /** Whether some point of this profile covers {@code register} for reads with {@code function}. */
    public boolean defines(int function, int register) {
        for (PointSpec p : points.values()) {
            if (p.function() == function && register >= p.register() && register < p.register() + p.type().words()) {
                return true;
            }
            if (p.function() == function && p.decimalsRegister() != null && p.decimalsRegister() == register) {
                return true;
            }
        }
        return false;
    }
}
