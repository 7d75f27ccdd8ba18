/**
 * What other bundles use of an NB-IoT modem: UDP sockets through the modem's AT socket commands
 * (the CoAP-over-NB-IoT uplink sends through these) and the power-cycle hook a board provides.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.vigil.driver.nbiot.api;
