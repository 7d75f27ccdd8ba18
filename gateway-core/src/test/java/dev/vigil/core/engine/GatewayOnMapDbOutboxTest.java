package dev.vigil.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.config.OutboxConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.model.AlarmEvent;
import dev.vigil.core.model.Quantity;
import dev.vigil.core.model.Reading;
import dev.vigil.core.outbox.MapDbOutbox;
import dev.vigil.core.testing.FakeDriver;
import dev.vigil.core.testing.FakeUplink;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.core.testing.OutboxContents;
import dev.vigil.core.testing.Waits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart guarantee against the real outbox files instead of the fake. */
class GatewayOnMapDbOutboxTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    private Gateway gateway(SiteConfig site, FakeDriver driver, FakeUplink uplink) {
        MapDbOutbox outbox = MapDbOutbox.open(new OutboxConfig(dir, 1_000_000, 4_000_000), clock);
        Gateway g = new Gateway(site, outbox, Map.of("fake", FakeDriver.factory(driver)),
                Map.of("fake", FakeUplink.factory(uplink)), clock, GatewayTest.FAST);
        g.start();
        return g;
    }

    private static List<AlarmEvent> alarms(FakeUplink up) {
        return OutboxContents.alarms(up.arrivals().stream().map(FakeUplink.Arrival::entry).toList());
    }

    @Test
    void activeAlarmsSurviveARestartAndClearWithTheirIdAfterIt() {
        SiteConfig site = GatewayTest.site();
        FakeDriver driver = new FakeDriver("bus-1");
        FakeUplink down = new FakeUplink("primary");
        down.setConnected(false);
        try (Gateway first = gateway(site, driver, down)) {
            driver.deliver(Reading.good("rc-1", Quantity.RESIDUAL_CURRENT, 520, clock.instant()));
            driver.deliver(Reading.good("sd-1", Quantity.SMOKE, 1, clock.instant()));
            Waits.until(GatewayTest.WAIT, () -> first.health().outbox().alarmDepth() == 2, "two alarms accepted");
        }

        FakeDriver driver2 = new FakeDriver("bus-1");
        FakeUplink up = new FakeUplink("primary");
        try (Gateway second = gateway(site, driver2, up)) {
            assertEquals(2, second.health().activeAlarms().size());
            driver2.deliver(Reading.good("rc-1", Quantity.RESIDUAL_CURRENT, 100, clock.instant()));
            driver2.deliver(Reading.good("sd-1", Quantity.SMOKE, 1, clock.instant()));
            Waits.until(GatewayTest.WAIT, () -> alarms(up).size() == 3, "two from before, one clear");
            List<AlarmEvent> events = alarms(up);
            assertEquals(List.of("RAISED rc-1/alarm", "RAISED sd-1/SMOKE", "CLEARED rc-1/alarm"),
                    OutboxContents.transitions(events));
            assertEquals(List.of(1L, 2L, 3L), events.stream().map(AlarmEvent::sequence).toList());
            assertEquals(events.get(0).alarmId(), events.get(2).alarmId());
        }
    }
}
