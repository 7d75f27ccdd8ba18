package dev.vigil.core.config;

import dev.vigil.core.model.Place;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.rules.SensorRules;
import java.time.Duration;

/**
 * One sensor as the installer wrote it.
 *
 * @param id               gateway-unique sensor id, e.g. "rc-3f-301"
 * @param type             the site-file type, e.g. "residual-current", "smoke", "water-depth"
 * @param quantity         what it measures
 * @param bus              id of the bus (see {@link BusConfig}) that reads it
 * @param address          where it is on that bus; the bus's driver validates it
 * @param place            where it is in the building or street
 * @param expectedInterval how often a reading is expected; used for offline detection
 * @param rules            thresholds and fault rules, type defaults filled in
 * @param where            where it was written in the site file
 */
public record SensorConfig(
        String id,
        String type,
        Quantity quantity,
        String bus,
        Options address,
        Place place,
        Duration expectedInterval,
        SensorRules rules,
        SourceRef where) {
}
