package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.rules.LevelRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SensorTypeDefaultsTest {

    @Test
    void docs_show_the_defaults_the_code_uses() throws IOException {
        String doc = Files.readString(Path.of("../docs/defaults.md"));
        assertTrue(doc.contains(SensorTypeDefaults.markdownTable()),
                "docs/defaults.md must contain the current table; paste this:\n" + SensorTypeDefaults.markdownTable());
    }

    @Test
    void every_type_has_defaults_that_pass_the_site_file_checks() {
        for (SensorType type : SensorType.values()) {
            TypeDefaults d = SensorTypeDefaults.of(type);
            assertNotNull(d, type.siteName());
            assertNotNull(d.source(), type.siteName());
            for (LevelRule l : d.levels()) {
                assertTrue(l.clearAt() <= l.raiseAt(), type + " " + l.name());
                assertTrue(d.physicalMax() == null || l.raiseAt() <= d.physicalMax(), type + " " + l.name());
                assertTrue(d.physicalMin() == null || l.raiseAt() >= d.physicalMin(), type + " " + l.name());
            }
            assertTrue(d.smoke() == null || d.smoke().debounce().compareTo(RulesReader.FIRE_ALARM_BUDGET) < 0, type.siteName());
            assertEquals(d.expectedInterval().multipliedBy(3), d.faults(d.expectedInterval()).offlineAfter(), type.siteName());
        }
    }

    @Test
    void residual_current_defaults_follow_gb_50116() {
        TypeDefaults rc = SensorTypeDefaults.of(SensorType.RESIDUAL_CURRENT);
        LevelRule warning = rc.level("warning").orElseThrow();
        LevelRule alarm = rc.level("alarm").orElseThrow();
        assertEquals(300, warning.raiseAt());
        assertEquals(Duration.ofSeconds(5), warning.onDelay());
        assertEquals(500, alarm.raiseAt());
        assertTrue(warning.clearAt() > 200, "must clear above the 100-200 mA natural leakage");
    }

    @Test
    void cable_temperature_levels_lie_in_the_detector_setting_range() {
        for (LevelRule l : SensorTypeDefaults.of(SensorType.CABLE_TEMPERATURE).levels()) {
            assertTrue(l.raiseAt() >= 45 && l.raiseAt() <= 140, l.toString());
        }
    }

    @Test
    void water_depth_grades_start_at_3_10_and_25_cm() {
        assertEquals(java.util.List.of(3.0, 10.0, 25.0),
                SensorTypeDefaults.of(SensorType.WATER_DEPTH).levels().stream().map(LevelRule::raiseAt).toList());
    }
}
