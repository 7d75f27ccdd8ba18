package dev.vigil.driver.gpio;

import dev.vigil.core.health.ComponentStatus;
import dev.vigil.core.health.DriverHealth;
import dev.vigil.core.spi.Driver;
import dev.vigil.core.spi.DriverContext;
import dev.vigil.core.spi.OutputPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gpio bus: its detector inputs and outputs on one {@link GpioLines}. Opening never throws out
 * of {@link #start}: a provider or pin that cannot be opened is reported in {@link #health()}, warned
 * about once, and retried every {@link #RETRY_INTERVAL} (its sensors go OFFLINE in the engine
 * meanwhile, because they deliver no readings).
 */
final class GpioDriver implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(GpioDriver.class);
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    private final GpioBusSettings settings;
    private final Function<GpioProvider, GpioLines> opener;
    private final Duration retryInterval;
    private final Map<String, OutputPort> outputs = new LinkedHashMap<>();
    private final List<GpioOutputPort> ports = new ArrayList<>();
    private final List<DetectorInput> inputs = new ArrayList<>();
    /** device name -> why it is not open; absent when open */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile String providerFailure;
    private GpioLines lines;
    private ScheduledFuture<?> retry;
    private boolean started;
    private boolean stopped;

    GpioDriver(GpioBusSettings settings, Function<GpioProvider, GpioLines> opener, Duration retryInterval) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
        for (OutputSettings o : settings.outputs()) {
            GpioOutputPort port = new GpioOutputPort(o);
            ports.add(port);
            outputs.put(o.id(), port);
        }
    }

    @Override
    public Map<String, OutputPort> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    @Override
    public synchronized void start(DriverContext context) {
        if (started) {
            throw new IllegalStateException("gpio bus " + settings.busId() + " was already started");
        }
        started = true;
        settings.inputs().forEach(s -> inputs.add(new DetectorInput(s, context)));
        openWhatIsClosed();
        if (!allOpen()) {
            long every = retryInterval.toMillis();
            retry = context.scheduler().scheduleWithFixedDelay(this::openWhatIsClosed, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void openWhatIsClosed() {
        if (stopped) {
            return;
        }
        if (lines == null) {
            try {
                lines = opener.apply(settings.provider());
                if (providerFailure != null) {
                    LOG.warn("gpio bus {}: provider {} available again", settings.busId(), settings.provider().siteName());
                }
                providerFailure = null;
            } catch (RuntimeException e) {
                if (providerFailure == null) {
                    LOG.warn("gpio bus {}: cannot open GPIO through provider {}: {}; its {} input(s) stay OFFLINE and its"
                            + " outputs keep their wanted state until it opens (retrying every {} s)", settings.busId(),
                            settings.provider().siteName(), e.getMessage(), inputs.size(), retryInterval.toMillis() / 1000.0);
                }
                providerFailure = e.getMessage();
                return;
            }
        }
        for (GpioOutputPort port : ports) {
            if (!port.isOpen()) {
                attempt(device(port.settings()), () -> port.open(lines));
            }
        }
        for (DetectorInput input : inputs) {
            if (!input.isOpen()) {
                attempt(device(input.settings()), () -> input.open(lines));
            }
        }
        if (allOpen() && retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void attempt(String device, Runnable open) {
        try {
            open.run();
            if (failures.remove(device) != null) {
                LOG.warn("gpio bus {}: {} opened after earlier failures", settings.busId(), device);
            }
        } catch (RuntimeException e) {
            if (failures.put(device, e.getMessage()) == null) {
                LOG.warn("gpio bus {}: {} could not be opened: {}; retrying every {} s", settings.busId(), device,
                        e.getMessage(), retryInterval.toMillis() / 1000.0);
            }
        }
    }

    private boolean allOpen() {
        return lines != null && failures.isEmpty() && inputs.stream().allMatch(DetectorInput::isOpen)
                && ports.stream().allMatch(GpioOutputPort::isOpen);
    }

    static String device(InputSettings s) {
        return "GPIO " + s.pin() + " " + s.sensorId();
    }

    static String device(OutputSettings o) {
        return "GPIO " + o.pin() + " " + o.id();
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (retry != null) {
            retry.cancel(false);
        }
        inputs.forEach(DetectorInput::close);
        for (GpioOutputPort port : ports) {
            try {
                port.close();
            } catch (RuntimeException e) {
                LOG.warn("gpio bus {}: switching {} off at stop failed: {}", settings.busId(), device(port.settings()),
                        e.getMessage());
            }
        }
        if (lines != null) {
            lines.close();
            lines = null;
        }
    }

    @Override
    public DriverHealth health() {
        Map<String, ComponentStatus> devices = new LinkedHashMap<>();
        long edges = 0;
        long readings = 0;
        long switches = 0;
        synchronized (this) {
            for (DetectorInput in : inputs) {
                String name = device(in.settings());
                edges += in.edges();
                readings += in.readings();
                devices.put(name, in.isOpen()
                        ? (in.supervisionOpen() ? ComponentStatus.degraded("SUPERVISION_OPEN", "supervision loop open at GPIO "
                                + in.settings().supervision().pin())
                                : ComponentStatus.online(in.active() ? "active" : "idle"))
                        : ComponentStatus.offline("PIN_UNAVAILABLE", failures.getOrDefault(name, "not open")));
            }
            for (GpioOutputPort p : ports) {
                String name = device(p.settings());
                switches += p.switches();
                devices.put(name, p.isOpen() ? ComponentStatus.online(p.wantedOn() ? "on" : "off")
                        : ComponentStatus.offline("PIN_UNAVAILABLE", failures.getOrDefault(name, "not open")));
            }
        }
        ComponentStatus status;
        if (!started) {
            status = ComponentStatus.UNKNOWN;
        } else if (providerFailure != null) {
            status = ComponentStatus.offline("PROVIDER_UNAVAILABLE", providerFailure);
        } else if (!failures.isEmpty()) {
            status = ComponentStatus.degraded("PIN_UNAVAILABLE", failures.size() + " pin(s) not open: " + failures.keySet());
        } else {
            status = ComponentStatus.online(inputs.size() + " input(s), " + ports.size() + " output(s) through "
                    + settings.provider().siteName());
        }
        return new DriverHealth(settings.busId(), GpioDriverFactory.TYPE, status,
                Map.of("edges", edges, "readings", readings, "outputSwitches", switches), devices);
    }
}
