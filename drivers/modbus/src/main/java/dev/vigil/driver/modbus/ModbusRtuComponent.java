package dev.vigil.driver.modbus;

import dev.vigil.core.spi.DriverFactory;
import org.osgi.service.component.annotations.Component;

/** Registers the modbus-rtu driver factory in OSGi; the factory itself is plain Java. */
@Component(service = DriverFactory.class, property = "vigil.driver.type=" + ModbusRtuDriver.TYPE)
public final class ModbusRtuComponent extends DelegatingDriverFactory {

    public ModbusRtuComponent() {
        super(new ModbusRtuDriverFactory());
    }
}
