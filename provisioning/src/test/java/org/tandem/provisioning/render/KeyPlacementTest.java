package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Keys land where the phone keeps them (issue 19): where the accounts take the first programmable keys
 * (family setting {@code lineKeysFirst}), a BLF or speed-dial key numbered onto an account's key is not
 * programmed, so the line keeps its key; and Polycom's attendant resource list, which holds monitored
 * (BLF) resources, gets no speed dial.
 */
class KeyPlacementTest {

    static Stream<Arguments> modelsWithKeys() {
        return GoldenFilesTest.CATALOG.families().stream()
                .flatMap(f -> f.models().stream()
                        .filter(m -> m.keys() >= 2 && m.lines() >= 2)
                        .map(m -> Arguments.of(f, m)));
    }

    static String config(PhoneFamily family, PhoneModel model, List<DeviceKey> keys) {
        Device device = GoldenFilesTest.fixtureDevice(family, model);
        Instant t = device.createdAt();
        Device withKeys = new Device(
                device.mac(),
                device.vendor(),
                device.model(),
                null,
                null,
                List.of("201", "202"),
                keys,
                true,
                t,
                t,
                null,
                null);
        ProvisionedFile config = family.files().stream()
                .filter(f -> f.kind() == ProvisionedFile.Kind.CONFIG)
                .findFirst()
                .orElseThrow();
        return GoldenFilesTest.fixtureConfigs()
                .render(
                        family,
                        config,
                        model.name(),
                        withKeys,
                        GoldenFilesTest.SECRETS,
                        GoldenFilesTest.ENDPOINT,
                        true,
                        true,
                        false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modelsWithKeys")
    void aKeyOnAnAccountsLineKeyIsNotProgrammed(PhoneFamily family, PhoneModel model) {
        String text = config(
                family,
                model,
                List.of(
                        new DeviceKey(1, DeviceKey.Kind.BLF, "2091", "Lamp"),
                        new DeviceKey(2, DeviceKey.Kind.SPEED_DIAL, "2092", "Dial"),
                        new DeviceKey(3, DeviceKey.Kind.BLF, "2093", "Third")));
        if ("true".equals(family.settings().get("lineKeysFirst"))) {
            assertThat(text)
                    .as("keys 1 and 2 belong to lines 201 and 202")
                    .doesNotContain("2091")
                    .doesNotContain("2092");
            if (model.keys() >= 3) assertThat(text).contains("2093");
        } else {
            // the vendor keeps line keys apart (Grandstream MPKs, Polycom's resource list after the lines)
            assertThat(text).contains("2091");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modelsWithKeys")
    void polycomsResourceListHoldsNoSpeedDial(PhoneFamily family, PhoneModel model) {
        if (!family.vendor().equals("polycom")) return;
        String text = config(
                family,
                model,
                List.of(
                        new DeviceKey(3, DeviceKey.Kind.SPEED_DIAL, "4930999", null),
                        new DeviceKey(4, DeviceKey.Kind.BLF, "2094", null)));
        assertThat(text).doesNotContain("4930999").contains("attendant.resourceList.4.address=\"2094@pbx.example\"");
    }

    /**
     * Fanvil X-U (sysConf): the side keys beside the screen come first, after the accounts, then the desktop pages,
     * as many keys per page as the model has (X6U: 5 side keys, 12 per desktop page); a BLF key dials the directed
     * pickup code and its extension while that rings (issue 15).
     */
    @org.junit.jupiter.api.Test
    void aFanvilX6uFillsItsSideKeysThenItsDesktopPages() throws Exception {
        PhoneFamily xu = GoldenFilesTest.CATALOG.family("fanvil/xu").orElseThrow();
        PhoneModel x6u = xu.models().stream()
                .filter(m -> m.name().equals("X6U"))
                .findFirst()
                .orElseThrow();
        String text = config(
                xu,
                x6u,
                List.of(
                        new DeviceKey(5, DeviceKey.Kind.BLF, "2095", "Side five"),
                        new DeviceKey(6, DeviceKey.Kind.BLF, "2096", "Page one first"),
                        new DeviceKey(12, DeviceKey.Kind.SPEED_DIAL, "2012", "Page one seventh")));
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(text)));
        javax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("/sysConf/dsskey/dssSide[@index='1']/Fkey[@index='5']/Value", doc))
                .isEqualTo("2095@1/ba**2095");
        assertThat(xpath.evaluate("/sysConf/dsskey/internal[@index='1']/Fkey[@index='1']/Value", doc))
                .isEqualTo("2096@1/ba**2096");
        assertThat(xpath.evaluate("/sysConf/dsskey/internal[@index='1']/Fkey[@index='7']/Value", doc))
                .isEqualTo("2012@1/f");
        assertThat(xpath.evaluate("/sysConf/dsskey/FuncKeyPageNum", doc)).isEqualTo("1");
    }
}
