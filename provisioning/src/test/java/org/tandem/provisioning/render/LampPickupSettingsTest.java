package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Pressing a busy lamp while its extension rings picks the call up (issue 15), the way pbx-core understands: Yealink,
 * Polycom and Snom with an INVITE with Replaces built from the dialog-info (ProxyPickup.fromLamp), Cisco, Grandstream
 * and Fanvil by dialling the directed pickup code and the extension. The code is the one in force in pbx-core's
 * feature codes, not a copy: an admin's change reaches the phones at their next resync.
 */
class LampPickupSettingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "yealink/t3x|account.1.dialoginfo_callpickup = 1",
                "yealink/t4x|account.1.dialoginfo_callpickup = 1",
                "yealink/t5x|account.1.dialoginfo_callpickup = 1",
                "polycom/vvx5|call.directedCallPickupMethod=\"native\"",
                "polycom/vvx6|call.directedCallPickupMethod=\"native\"",
                "snom/d3xx|<callpickup_dialoginfo perm=\"R\">on</callpickup_dialoginfo>",
                "snom/d7xx|<callpickup_dialoginfo perm=\"R\">on</callpickup_dialoginfo>",
                "cisco/spa5xx|<Attendant_Console_Call_Pickup_Code>**</Attendant_Console_Call_Pickup_Code>",
                "cisco/mpp|<Attendant_Console_Call_Pickup_Code>**</Attendant_Console_Call_Pickup_Code>",
                "grandstream/gxp|<P1347>**</P1347>",
                "grandstream/grp|<P1347>**</P1347>",
                "fanvil/x|202@1/ba**202",
                "fanvil/xu|202@1/ba**202"
            })
    void everyModelPicksUpFromTheLamp(String familyId, String setting) {
        DeviceConfigs configs = configs(Feature.PICKUP_DIRECTED.defaultCode());
        PhoneFamily family = GoldenFilesTest.CATALOG.family(familyId).orElseThrow();
        for (PhoneModel model : family.models()) {
            // Fanvil's pickup is in the BLF key itself: only models with a key after their line's get one
            if (familyId.startsWith("fanvil") && model.keys() < 2) continue;
            assertThat(render(configs, familyId, model.name()))
                    .as(familyId + " " + model.name())
                    .contains(setting);
        }
    }

    @Test
    void theCodeIsTheOneInForceAndAnOffCodeDialsNothing() {
        DeviceConfigs changed = configs("*55");
        assertThat(render(changed, "cisco/spa5xx", "SPA504G"))
                .contains("<Call_Pickup_Code>*55</Call_Pickup_Code>")
                .contains("<Attendant_Console_Call_Pickup_Code>*55</Attendant_Console_Call_Pickup_Code>");
        assertThat(render(changed, "grandstream/gxp", "GXP2160")).contains("<P1347>*55</P1347>");
        assertThat(render(changed, "fanvil/x", "X3U")).contains("<Value>202@1/ba*55202</Value>");
        assertThat(render(changed, "yealink/t4x", "SIP-T46S")).contains("features.pickup.direct_pickup_code = *55");
        assertThat(render(changed, "polycom/vvx5", "VVX411")).contains("call.directedCallPickupString=\"*55\"");

        DeviceConfigs off = configs(null);
        assertThat(render(off, "fanvil/xu", "X5U"))
                .contains("<Value>202@1/b</Value>")
                .doesNotContain("202@1/ba");
        assertThat(render(off, "cisco/mpp", "8851-3PCC")).contains("<Call_Pickup_Code></Call_Pickup_Code>");
        // the Replaces pickups need no code
        assertThat(render(off, "yealink/t4x", "SIP-T46S")).contains("account.1.dialoginfo_callpickup = 1");
    }

    /** Rendering through DeviceConfigs' Spring constructor, with pbx-core's feature codes. */
    private static DeviceConfigs configs(String pickupCode) {
        Map<Feature, String> codes = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) codes.put(f, f.defaultCode());
        codes.put(Feature.PICKUP_DIRECTED, pickupCode);
        RoutingDirectory routing = mock(RoutingDirectory.class);
        when(routing.featureCodes()).thenReturn(codes);
        UserDirectory users = mock(UserDirectory.class);
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        User alice = new User("201", "Alice", null, t, t);
        when(users.find("201")).thenReturn(Optional.of(alice));
        when(users.sipSecret("201")).thenReturn(Optional.of("s3cret-201"));
        when(users.list()).thenReturn(List.of(alice));
        ProvisioningProperties props = new ProvisioningProperties(
                6969, null, 0, null, null, "Europe/Berlin", null, null, null, 0, null, null, null, null);
        return new DeviceConfigs(GoldenFilesTest.CATALOG, new ConfigRenderer(), users, props, null, null, routing);
    }

    /** The phone's configuration file with line 201 and a BLF key on 202 right after the line's key. */
    private static String render(DeviceConfigs configs, String familyId, String model) {
        PhoneFamily family = GoldenFilesTest.CATALOG.family(familyId).orElseThrow();
        ProvisionedFile config = family.files().stream()
                .filter(f -> f.kind() == ProvisionedFile.Kind.CONFIG)
                .findFirst()
                .orElseThrow();
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        Device device = new Device(
                family.macPrefixes().get(0) + "a1b2c3",
                family.vendor(),
                model,
                "1.0",
                null,
                List.of("201"),
                List.of(new DeviceKey(2, DeviceKey.Kind.BLF, "202", "Bob")),
                true,
                t,
                t,
                null,
                null);
        return configs.render(
                family, config, model, device, GoldenFilesTest.SECRETS, GoldenFilesTest.ENDPOINT, true, true, false);
    }
}
