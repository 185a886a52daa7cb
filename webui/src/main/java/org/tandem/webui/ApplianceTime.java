package org.tandem.webui;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.setup.ApplianceSetup;

/**
 * The appliance's time zone for every time the UI and the portal show (issue 17, defect 4): the one chosen in the
 * setup wizard — the zone the phones are provisioned with — not the JVM's (UTC on the ISO). Read at each use, so a
 * zone changed in the wizard shows at the next page. Before one is chosen (and in tools and unit tests that make no
 * ApplianceTime) the system's zone.
 */
@Component
public final class ApplianceTime {

    private static volatile Supplier<ZoneId> zone = ZoneId::systemDefault;

    public ApplianceTime(ApplianceSetup setup) {
        zone = () -> {
            String id = setup.current().timeZone();
            if (id == null || id.isBlank()) return ZoneId.systemDefault();
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                return ZoneId.systemDefault(); // the wizard refuses a bad zone; an old value falls back
            }
        };
    }

    /** The zone times are shown in now. */
    public static ZoneId zone() {
        return zone.get();
    }
}
