package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;

/** Which keys a template sees as the phone's own and which on which expansion module. */
class PhoneSettingsTest {

    // X10 takes modules of 10 keys (a per-model fifth field), X0 modules whose keys the family does not program
    static final PhoneFamily FAMILY = new PhoneFamily(
            "acme/base",
            "acme",
            "Acme",
            List.of("acme/base"),
            List.of(
                    new PhoneModel("acme", "acme/base", "X10", 1, 2, 2, 10),
                    new PhoneModel("acme", "acme/base", "X0", 1, 2, 2, 0)),
            List.of(),
            List.of(),
            "keyvalue",
            Map.of(),
            40);

    static final List<DeviceKey> KEYS = List.of(
            new DeviceKey(2, DeviceKey.Kind.BLF, "202", "Bob"),
            new DeviceKey(3, DeviceKey.Kind.BLF, "203", null),
            new DeviceKey(13, DeviceKey.Kind.SPEED_DIAL, "*97", null));

    static Map<String, Object> context(String model) {
        return new PhoneSettings(
                        FAMILY,
                        model,
                        "0004f2a1b2c3",
                        "pbx.example",
                        5060,
                        "udp",
                        "pbx.example",
                        "http://pbx.example/prov/",
                        "http://pbx.example/prov/",
                        "",
                        List.of(),
                        KEYS,
                        "",
                        "UTC",
                        "pool.ntp.org",
                        "en",
                        "*98",
                        "**",
                        3600,
                        null,
                        List.of(),
                        List.of())
                .toContext();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> context, String name) {
        return (List<Map<String, Object>>) context.get(name);
    }

    @Test
    void keysPastThePhonesOwnAreNumberedOnModuleByModuleWithTheModelsKeysPerModule() {
        Map<String, Object> c = context("X10");
        assertThat(list(c, "keys")).extracting(k -> k.get("number")).containsExactly(2);
        // key 3 is the first module's first; key 13 = 2 own + 10 on module 1 + 1: the second module's first
        assertThat(list(c, "expansionKeys"))
                .extracting(
                        k -> k.get("number"),
                        k -> k.get("module"),
                        k -> k.get("moduleKey"),
                        k -> k.get("moduleKeyIndex0"))
                .containsExactly(tuple(3, 1, 1, 0), tuple(13, 2, 1, 0));
        // the number of modules the model takes, for Cisco MPP's Number_of_Units
        assertThat(c).containsEntry("expansionModules", 2).containsEntry("hasExpansionModules", true);
    }

    @Test
    void aModelWhoseModuleKeysAreNotProgrammedGetsOnlyItsOwnKeys() {
        Map<String, Object> c = context("X0");
        assertThat(list(c, "keys")).extracting(k -> k.get("number")).containsExactly(2);
        assertThat(list(c, "expansionKeys")).isEmpty();
        assertThat(c).containsEntry("expansionModules", 0).containsEntry("hasExpansionModules", false);
    }
}
