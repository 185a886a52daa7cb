package org.tandem.webui;

import com.vaadin.flow.server.VaadinService;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.stereotype.Component;
import org.tandem.pbx.setup.ApplianceSetup;

/**
 * The appliance's time zone for every time the UI and the portal show (issue 17, defect 4): the one chosen in the
 * setup wizard — the zone the phones are provisioned with — not the JVM's (UTC on the ISO). Read at each use, so a
 * zone changed in the wizard shows at the next page. Before one is chosen (and in tools and unit tests that make no
 * ApplianceTime) the system's zone.
 *
 * <p>A page asks the appliance whose request it serves (through Vaadin's service, which belongs to one Spring
 * context): a JVM may hold more than one appliance (tests keep several contexts; a restore starts a new one), and
 * a static reference would follow whichever was made last, even one already closed.
 */
@Component
public final class ApplianceTime {

    /** For code outside a Vaadin request (and unit tests): the one made last in this JVM. */
    private static volatile ApplianceTime latest;

    private final ApplianceSetup setup;

    public ApplianceTime(ApplianceSetup setup) {
        this.setup = setup;
        latest = this;
    }

    /** The zone times are shown in now. */
    public static ZoneId zone() {
        VaadinService service = VaadinService.getCurrent();
        ApplianceTime time =
                service == null ? latest : service.getInstantiator().getOrCreate(ApplianceTime.class);
        return time == null ? ZoneId.systemDefault() : time.chosenZone();
    }

    private ZoneId chosenZone() {
        String id = setup.current().timeZone();
        if (id == null || id.isBlank()) return ZoneId.systemDefault();
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.systemDefault(); // the wizard refuses a bad zone; an old value falls back
        }
    }
}
