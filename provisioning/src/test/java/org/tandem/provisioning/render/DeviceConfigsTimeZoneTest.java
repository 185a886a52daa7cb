package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.vendor.VendorCatalog;

/** Phones get the time zone chosen in the setup wizard, not UTC (issue 19: "today everything gets +0"). */
class DeviceConfigsTimeZoneTest {

    static DeviceConfigs configs(String configuredZone, String setupZone) {
        ApplianceSetup setup = mock(ApplianceSetup.class);
        when(setup.current())
                .thenReturn(
                        new SetupSettings("pbx.example", setupZone, null, null, 587, null, null, null, true, false));
        UserDirectory users = mock(UserDirectory.class);
        when(users.list()).thenReturn(List.of());
        ProvisioningProperties props = new ProvisioningProperties(
                6969, null, 0, null, null, configuredZone, null, null, null, 0, null, null, null, null);
        return new DeviceConfigs(new VendorCatalog(), new ConfigRenderer(), users, props, setup, null, null);
    }

    @Test
    void withoutAConfiguredZonePhonesGetTheSetupsZoneAndItsSummerTime() {
        DeviceConfigs configs = configs("", "America/New_York");
        assertThat(configs.timeZone()).isEqualTo("America/New_York");
        var yealink = configs.catalog().families().stream()
                .filter(f -> f.id().equals("yealink/t4x"))
                .findFirst()
                .orElseThrow();
        var config = yealink.files().stream()
                .filter(f -> f.id().equals("config"))
                .findFirst()
                .orElseThrow();
        String text =
                configs.render(yealink, config, "SIP-T46S", null, null, GoldenFilesTest.ENDPOINT, false, false, false);
        assertThat(text)
                .contains("local_time.time_zone = -5")
                .contains("local_time.summer_time = 1")
                .contains("local_time.start_time = 3/2/7/2")
                .contains("local_time.end_time = 11/1/7/2");
    }

    @Test
    void aConfiguredZoneWins() {
        assertThat(configs("Europe/Berlin", "America/New_York").timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void anUnknownConfiguredZoneIsRefusedAtStartup() {
        assertThatThrownBy(() -> configs("Mars/Olympus", "UTC")).hasMessageContaining("tandem.provisioning.time-zone");
    }
}
