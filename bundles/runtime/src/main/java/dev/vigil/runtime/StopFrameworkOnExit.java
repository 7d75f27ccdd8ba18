package dev.vigil.runtime;

import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the OSGi framework when the JVM is asked to exit (SIGTERM from systemd, Ctrl-C), so every
 * component deactivates: the gateway stops its drivers, the uplink publishes its "stopped" status
 * and the outbox closes. The bnd launcher has no such hook of its own.
 */
@Component(immediate = true)
public final class StopFrameworkOnExit {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(StopFrameworkOnExit.class);

    private final Thread hook;

    @Activate
    public StopFrameworkOnExit(BundleContext context) {
        Framework framework = (Framework) context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        hook = new Thread(() -> stop(framework), "vigil-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void stop(Framework framework) {
        LOG.info("Shutting down: stopping the OSGi framework (at most {} s)", STOP_TIMEOUT.toSeconds());
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT.toMillis());
        } catch (BundleException e) {
            LOG.error("The OSGi framework did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook itself is what stops us
        }
    }
}
