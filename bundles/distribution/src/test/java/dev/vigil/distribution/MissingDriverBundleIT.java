package dev.vigil.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sim.broker.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site that needs a driver bundle the runtime does not have is an ERROR naming that bundle. */
class MissingDriverBundleIT {

    @TempDir
    Path dir;

    @Test
    void aMissingDriverBundleIsNamedAndTheGatewayWaitsForIt() throws Exception {
        Path site = SiteFiles.squareWave(dir.resolve("site"), "missing-gw", EmbeddedBroker.unusedPort(), "1s", "2s");
        Files.writeString(site, Files.readString(site).replace("driver: simulated", "driver: gpio"));

        try (GatewayProcess gateway = GatewayProcess.start("missing", site, dir.resolve("data"))) {
            String error = gateway.awaitLine("install dev.vigil.vigil-driver-gpio", Duration.ofSeconds(30));

            assertTrue(error.contains("ERROR"), error);
            assertTrue(error.contains(site + ":"), "names the file and line: " + error);
            assertTrue(error.contains("bus 'sim-1' uses driver type 'gpio'"), error);
            assertTrue(gateway.lines().stream().noneMatch(l -> l.contains("Gateway 'missing-gw' started")),
                    "the gateway did not start without its driver");
        }
    }
}
