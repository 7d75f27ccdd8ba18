package dev.vigil.driver.nbiot;

import dev.vigil.core.config.BusConfig;
import dev.vigil.core.config.ConfigProblem;
import dev.vigil.core.config.SensorConfig;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverFactory;
import dev.vigil.driver.nbiot.api.NbIotModem;
import dev.vigil.driver.nbiot.api.NbIotModems;
import dev.vigil.driver.nbiot.api.PowerCycleHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes {@code nbiot} drivers (one per modem bus) and finds the running ones by bus id, so an
 * uplink can send through a modem's UDP sockets.
 */
public final class NbIotDriverFactory implements DriverFactory, NbIotModems {

    public static final String TYPE = "nbiot";

    private final PowerCycleHook powerCycle;
    private final SerialLineOpener opener;
    private final Map<String, NbIotDriver> running = new ConcurrentHashMap<>();

    /** For ServiceLoader: no power-cycle hardware. */
    public NbIotDriverFactory() {
        this(PowerCycleHook.NONE);
    }

    public NbIotDriverFactory(PowerCycleHook powerCycle) {
        this(powerCycle, JSerialCommLine::open);
    }

    NbIotDriverFactory(PowerCycleHook powerCycle, SerialLineOpener opener) {
        this.powerCycle = Objects.requireNonNull(powerCycle, "powerCycle");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigProblem> validate(BusConfig bus, List<SensorConfig> sensors) {
        List<ConfigProblem> problems = new ArrayList<>(NbIotOptionsReader.read(bus).problems());
        for (SensorConfig s : sensors) {
            problems.add(new ConfigProblem(s.where(), "sensor '" + s.id() + "' is on bus '" + bus.id()
                    + "', an NB-IoT modem (driver nbiot), which carries no sensors; put it on a modbus-rtu, gpio or "
                    + "simulated bus"));
        }
        return problems;
    }

    @Override
    public Driver create(BusConfig bus, List<SensorConfig> sensors) {
        NbIotOptions options = NbIotOptionsReader.read(bus).options().orElseThrow(() -> new IllegalArgumentException(
                "nbiot bus '" + bus.id() + "' has invalid options; validate the site file first: "
                        + NbIotOptionsReader.read(bus).problems()));
        return new NbIotDriver(bus.id(), options, opener, powerCycle, d -> running.put(d.busId(), d),
                d -> running.remove(d.busId(), d));
    }

    @Override
    public Optional<NbIotModem> modem(String busId) {
        return Optional.ofNullable(running.get(busId));
    }
}
