package dev.vigil.runtime;

import dev.vigil.core.spi.DriverFactory;
import dev.vigil.core.spi.UplinkFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway in OSGi: hands the site file named by the {@code vigil.config} framework (or
 * system) property and every {@link DriverFactory} and {@link UplinkFactory} service to a
 * {@link GatewaySupervisor}, which does the rest.
 */
@Component(immediate = true)
public final class GatewayComponent {

    /** Framework or system property naming the site file. */
    public static final String SITE_FILE_PROPERTY = "vigil.config";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayComponent.class);

    private final BundleContext context;
    private final GatewaySupervisor supervisor;

    @Activate
    public GatewayComponent(BundleContext context) {
        this.context = context;
        String path = context.getProperty(SITE_FILE_PROPERTY);
        if (path == null || path.isBlank()) {
            LOG.error("Gateway not started: no site file given; start with -D{}=FILE (bin/vigil run --config FILE)",
                    SITE_FILE_PROPERTY);
            supervisor = null;
            return;
        }
        supervisor = new GatewaySupervisor(Path.of(path), new CoreEngine(Clock.systemUTC()),
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "vigil-site-watch");
                    thread.setDaemon(true);
                    return thread;
                }));
        supervisor.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDriverFactory")
    void addDriverFactory(DriverFactory factory) {
        if (supervisor != null) {
            supervisor.driverFactoryAdded(factory);
        }
    }

    void removeDriverFactory(DriverFactory factory) {
        if (supervisor != null) {
            stopFirstIfShuttingDown();
            supervisor.driverFactoryRemoved(factory);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeUplinkFactory")
    void addUplinkFactory(UplinkFactory factory) {
        if (supervisor != null) {
            supervisor.uplinkFactoryAdded(factory);
        }
    }

    void removeUplinkFactory(UplinkFactory factory) {
        if (supervisor != null) {
            stopFirstIfShuttingDown();
            supervisor.uplinkFactoryRemoved(factory);
        }
    }

    /**
     * When the framework stops, driver and uplink bundles may stop before this one: stop the
     * gateway cleanly now instead of treating their factories as gone.
     */
    private void stopFirstIfShuttingDown() {
        if (context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState() == Bundle.STOPPING) {
            supervisor.close();
        }
    }

    @Deactivate
    void deactivate() {
        if (supervisor != null) {
            supervisor.close();
        }
    }
}
