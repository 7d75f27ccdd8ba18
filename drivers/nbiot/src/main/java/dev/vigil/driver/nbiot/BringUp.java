package dev.vigil.driver.nbiot;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a BC28/BC95 bring-up that does not depend on the network: reach the modem, turn
 * echo off, read its identity, enable the registration URC, set APN and PSM. Registration and
 * attach are then watched by the driver's periodic check, which also handles their loss.
 */
final class BringUp {

    private static final Logger LOG = LoggerFactory.getLogger(BringUp.class);

    private BringUp() {
    }

    static void configure(AtEngine at, NbIotOptions options, ModemState state) throws AtException, AtParseException {
        Duration t = options.commandTimeout();
        at.resync(); // AT until OK: whatever the echo mode and whatever was left on the line
        at.execute("ATE0", t);
        state.imei = AtReplies.imei(at.execute("AT+CGSN=1", t).line());
        state.iccid = AtReplies.iccid(at.execute("AT+NCCID", t).line());
        at.execute("AT+CEREG=1", t);
        if (options.apn().isPresent()) {
            String apn = options.apn().get();
            try {
                at.execute("AT+CGDCONT=1,\"IP\",\"" + apn + "\"", t);
            } catch (AtException.Error e) {
                LOG.warn("modem on {}: setting APN '{}' failed ({}); continuing with the network's default APN",
                        at.port(), apn, e.getMessage());
            }
        }
        try {
            at.execute(options.psmCommand(), t);
        } catch (AtException.Error e) {
            LOG.warn("modem on {}: {} failed ({}); the modem keeps its current power saving setting", at.port(),
                    options.psmCommand(), e.getMessage());
        }
    }
}
