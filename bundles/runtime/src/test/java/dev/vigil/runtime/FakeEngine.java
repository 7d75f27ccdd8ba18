package dev.vigil.runtime;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.Options;
import dev.vigil.core.config.OutboxConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.SourceRef;
import dev.vigil.core.config.TelemetryConfig;
import dev.vigil.core.config.UplinkConfig;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine for a tiny site format, one {@code key=value} per line: {@code gateway}, {@code driver}
 * (the bus's driver type), {@code uplink} (the uplink type), {@code outbox} (directory), and the
 * flags {@code broken} (does not parse) and {@code bad-options} (the factories refuse it).
 */
final class FakeEngine implements Engine {

    final List<SiteConfig> started = new CopyOnWriteArrayList<>();
    final List<SiteConfig> stopped = new CopyOnWriteArrayList<>();
    final List<OutboxConfig> opened = new CopyOnWriteArrayList<>();
    final List<OutboxConfig> closed = new CopyOnWriteArrayList<>();
    /** How many of the next starts fail, as when the outbox's disk is not mounted yet. */
    final AtomicInteger failingStarts = new AtomicInteger();

    @Override
    public SiteRead read(Path siteFile, Map<String, DriverFactory> installedDrivers,
            Map<String, UplinkFactory> installedUplinks) {
        List<String> lines;
        try {
            lines = Files.readAllLines(siteFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.contains("broken")) {
            return SiteRead.refused(List.of(new ConfigProblem(new SourceRef(siteFile.toString(), lines.indexOf("broken") + 1),
                    "not a site file")));
        }
        String file = siteFile.toString();
        List<BusConfig> buses = new ArrayList<>();
        List<UplinkConfig> uplinks = new ArrayList<>();
        String gateway = "gw";
        Path outbox = siteFile.resolveSibling("outbox");
        Options options = new Options(Map.of("bad", lines.contains("bad-options")), Map.of(), new SourceRef(file, 1));
        for (int i = 0; i < lines.size(); i++) {
            String[] kv = lines.get(i).split("=", 2);
            SourceRef where = new SourceRef(file, i + 1);
            switch (kv[0]) {
                case "gateway" -> gateway = kv[1];
                case "driver" -> buses.add(new BusConfig("bus" + (i + 1), kv[1], options, where));
                case "uplink" -> uplinks.add(new UplinkConfig("up" + (i + 1), kv[1], options, where));
                case "outbox" -> outbox = Path.of(kv[1]);
                default -> { }
            }
        }
        return SiteRead.ok(new SiteConfig(gateway, "site", uplinks, new OutboxConfig(outbox, 1 << 20, 1 << 20),
                new TelemetryConfig(10, Duration.ofSeconds(5)), buses, List.of(), file));
    }

    @Override
    public List<ConfigProblem> validate(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        List<ConfigProblem> problems = new ArrayList<>();
        config.buses().forEach(b -> problems.addAll(drivers.get(b.driver()).validate(b, List.of())));
        config.uplinks().forEach(u -> problems.addAll(uplinks.get(u.type()).validate(u)));
        return problems;
    }

    @Override
    public AutoCloseable start(SiteConfig config, Map<String, DriverFactory> drivers,
            Map<String, UplinkFactory> uplinks) {
        if (failingStarts.getAndDecrement() > 0) {
            throw new IllegalStateException("outbox directory " + config.outbox().directory() + " not writable");
        }
        opened.add(config.outbox());
        started.add(config);
        return () -> {
            stopped.add(config);
            closed.add(config.outbox());
        };
    }

    SiteConfig lastStarted() {
        return started.isEmpty() ? null : started.get(started.size() - 1);
    }

}
