package dev.vigil.driver.nbiot.api;

import java.util.Optional;

/** Finds the running modems by bus id (an OSGi service of the NB-IoT driver bundle). */
public interface NbIotModems {

    Optional<NbIotModem> modem(String busId);
}
