package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SiteConfigHolderTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SiteConfigHolder.class);
    private final SiteConfigHolder holder = new SiteConfigHolder(Fakes.acceptingDrivers(), Fakes.acceptingUplinks());

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    @Test
    void good_file_becomes_current() throws IOException {
        assertTrue(holder.current().isEmpty());
        assertEquals(List.of(), holder.offer(write("site.yaml", SiteFileParserTest.VALID)));
        assertEquals("gw-1", holder.current().orElseThrow().gatewayId());
        assertTrue(warnings().isEmpty());
    }

    @Test
    void broken_file_is_refused_and_the_last_good_config_stays_in_force() throws IOException {
        Path file = write("site.yaml", SiteFileParserTest.VALID);
        holder.offer(file);
        SiteConfig good = holder.current().orElseThrow();

        Files.writeString(file, SiteFileParserTest.VALID.replace("id: gw-1", "id: gw 1").replace("bus: rs485-1", "bus: nowhere"));
        List<ConfigProblem> problems = holder.offer(file);

        assertEquals(List.of(2, 17), problems.stream().map(p -> p.where().line()).toList(), problems.toString());
        assertSame(good, holder.current().orElseThrow(), "the last good config must stay");
        List<ILoggingEvent> w = warnings();
        assertEquals(1, w.size(), "one WARN per refused file");
        assertEquals("Site file " + file + " refused with 2 problem(s); the last good config (gateway gw-1 from "
                + file.toAbsolutePath().normalize() + ") stays in force", w.get(0).getFormattedMessage());
    }

    @Test
    void a_config_missing_its_driver_is_refused_too() throws IOException {
        SiteConfigHolder noDrivers = new SiteConfigHolder(java.util.Map.of(), Fakes.acceptingUplinks());
        List<ConfigProblem> problems = noDrivers.offer(write("site.yaml", SiteFileParserTest.VALID));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("install the bundle dev.vigil.vigil-driver-simulated"));
        assertTrue(noDrivers.current().isEmpty());
        assertTrue(warnings().get(0).getFormattedMessage().endsWith("no site config was accepted before, so the gateway has none in force"));
    }

    @Test
    void a_fixed_file_replaces_the_config_again() throws IOException {
        Path file = write("site.yaml", SiteFileParserTest.VALID);
        holder.offer(file);
        Files.writeString(file, "gateway: [");
        assertFalse(holder.offer(file).isEmpty());
        Files.writeString(file, SiteFileParserTest.VALID.replace("id: gw-1", "id: gw-2"));
        assertEquals(List.of(), holder.offer(file));
        assertEquals("gw-2", holder.current().orElseThrow().gatewayId());
    }
}
