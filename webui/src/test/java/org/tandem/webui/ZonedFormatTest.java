package org.tandem.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.server.VaadinService;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;

/** Times in the appliance's zone, the wizard's, read at each use (issue 17, defect 4). */
class ZonedFormatTest {

    static final Instant NOON_UTC = Instant.parse("2026-11-24T12:00:00Z");

    @AfterEach
    void noZoneChosen() {
        new ApplianceTime(setupIn(null));
    }

    static ApplianceSetup setupIn(String zone) {
        ApplianceSetup setup = mock(ApplianceSetup.class);
        when(setup.current())
                .thenReturn(new SetupSettings("pbx.example", zone, null, null, 587, null, null, null, true, false));
        return setup;
    }

    @Test
    void theWizardsZoneNotTheJvmsAndAChangeShowsAtOnce() {
        ApplianceSetup setup = setupIn("Pacific/Kiritimati");
        new ApplianceTime(setup);
        ZonedFormat time = ZonedFormat.of("yyyy-MM-dd HH:mm");
        assertThat(time.format(NOON_UTC)).isEqualTo("2026-11-25 02:00"); // UTC+14
        assertThat(ZonedFormat.zoneLabel()).isEqualTo("(Pacific/Kiritimati)");

        when(setup.current())
                .thenReturn(new SetupSettings(
                        "pbx.example", "America/New_York", null, null, 587, null, null, null, true, false));
        assertThat(time.format(NOON_UTC)).isEqualTo("2026-11-24 07:00");
        assertThat(time.format(null)).isEmpty();
    }

    @Test
    void withoutAZoneChosenOrWithAnUnknownZoneTheSystemsZone() {
        new ApplianceTime(setupIn("Mars/Olympus_Mons"));
        assertThat(ApplianceTime.zone()).isEqualTo(ZoneId.systemDefault());
        new ApplianceTime(setupIn(""));
        assertThat(ApplianceTime.zone()).isEqualTo(ZoneId.systemDefault());
        new ApplianceTime(setupIn(null));
        assertThat(ApplianceTime.zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void aPageShowsTheZoneOfTheApplianceItsRequestCameTo() {
        ApplianceTime own = new ApplianceTime(setupIn("Asia/Tokyo"));
        new ApplianceTime(setupIn("Pacific/Kiritimati")); // another appliance in this JVM, made later
        VaadinService service = mock(VaadinService.class);
        Instantiator instantiator = mock(Instantiator.class);
        when(service.getInstantiator()).thenReturn(instantiator);
        when(instantiator.getOrCreate(ApplianceTime.class)).thenReturn(own);
        VaadinService.setCurrent(service);
        try {
            assertThat(ZonedFormat.of("HH:mm").format(NOON_UTC)).isEqualTo("21:00"); // UTC+9
            assertThat(ZonedFormat.zoneLabel()).isEqualTo("(Asia/Tokyo)");
        } finally {
            VaadinService.setCurrent(null);
        }
        assertThat(ZonedFormat.zoneLabel())
                .as("outside a request: the one made last")
                .isEqualTo("(Pacific/Kiritimati)");
    }
}
