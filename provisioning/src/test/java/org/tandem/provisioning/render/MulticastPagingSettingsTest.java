package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandem.pbx.paging.MulticastAddress;
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Multicast paging (issue 18): a phone whose user is a member of a paging group with a multicast address gets that
 * address and port in its configuration, in every model of every family whose listening setting Tandem knows; every
 * other family is named here as not listening, so a new family has to take a side.
 */
class MulticastPagingSettingsTest {

    /** Families whose multicast listening is not set, and why (docs/provisioning/vendors.md, Multicast paging). */
    private static final Set<String> NOT_LISTENING = Set.of(
            "polycom/vvx5", "polycom/vvx6", // group paging is Polycom's own packet format, not plain RTP
            "fanvil/x", "fanvil/xu"); // documented only in the text format, not in the two XML formats served

    private static final PagingGroup HALL =
            new PagingGroup("701", "Hall", List.of("201"), MulticastAddress.parse("239.1.2.4:6000"));
    private static final PagingGroup YARD =
            new PagingGroup("702", "Yard", List.of("201"), MulticastAddress.parse("239.1.2.6:6002"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "yealink/t3x|multicast.listen_address.1.ip_address = 224.0.1.75:5000",
                "yealink/t4x|multicast.listen_address.1.ip_address = 224.0.1.75:5000",
                "yealink/t5x|multicast.listen_address.1.ip_address = 224.0.1.75:5000",
                "snom/d3xx|<mc_address idx=\"1\" perm=\"R\">224.0.1.75:5000</mc_address>",
                "snom/d7xx|<mc_address idx=\"1\" perm=\"R\">224.0.1.75:5000</mc_address>",
                "cisco/spa5xx|<Group_Paging_Script>pggrp=224.0.1.75:5000;name=Warehouse &amp; Yard;num=700;listen=yes;</Group_Paging_Script>",
                "cisco/mpp|<Group_Paging_Script>pggrp=224.0.1.75:5000;name=Warehouse &amp; Yard;num=700;listen=yes;</Group_Paging_Script>",
                "grandstream/gxp|<P1569>224.0.1.75:5000</P1569>",
                "grandstream/grp|<P1569>224.0.1.75:5000</P1569>"
            })
    void everyModelListensToTheGroupsAddressAndPort(String familyId, String setting) {
        PhoneFamily family = GoldenFilesTest.CATALOG.family(familyId).orElseThrow();
        for (PhoneModel model : family.models()) {
            assertThat(config(GoldenFilesTest.fixtureConfigs(), family, model))
                    .as(familyId + " " + model.name())
                    .contains(setting);
            // and not when the phone's users are in no multicast group: the slot is cleared
            assertThat(config(GoldenFilesTest.fixtureConfigs(List.of()), family, model))
                    .as(familyId + " " + model.name() + " without groups")
                    .doesNotContain("224.0.1.75");
        }
    }

    @Test
    void everyFamilyEitherListensOrIsNamedAsNotListening() {
        Set<String> listening = Set.of(
                "yealink/t3x",
                "yealink/t4x",
                "yealink/t5x",
                "snom/d3xx",
                "snom/d7xx",
                "cisco/spa5xx",
                "cisco/mpp",
                "grandstream/gxp",
                "grandstream/grp");
        Set<String> all =
                GoldenFilesTest.CATALOG.families().stream().map(PhoneFamily::id).collect(Collectors.toSet());
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(listening.stream(), NOT_LISTENING.stream())
                                .toList());
        for (String id : NOT_LISTENING) {
            PhoneFamily family = GoldenFilesTest.CATALOG.family(id).orElseThrow();
            PhoneModel model = family.models().get(0);
            assertThat(config(GoldenFilesTest.fixtureConfigs(), family, model))
                    .as(id)
                    .doesNotContain("224.0.1.75");
        }
    }

    /** Cisco listens to the first two groups of its script only: a third is left out, the empty script clears. */
    @Test
    void ciscoListsTheFirstTwoGroupsAndClearsTheScriptWithoutAny() {
        PhoneFamily family = GoldenFilesTest.CATALOG.family("cisco/mpp").orElseThrow();
        PhoneModel model = family.models().get(0);
        String three = config(
                GoldenFilesTest.fixtureConfigs(List.of(HALL, YARD, GoldenFilesTest.FIXTURE_MULTICAST_GROUP)),
                family,
                model);
        assertThat(three)
                .contains("<Group_Paging_Script>pggrp=239.1.2.4:6000;name=Hall;num=701;listen=yes;"
                        + "pggrp=239.1.2.6:6002;name=Yard;num=702;listen=yes;</Group_Paging_Script>");
        assertThat(three).doesNotContain("224.0.1.75");
        assertThat(config(GoldenFilesTest.fixtureConfigs(List.of()), family, model))
                .contains("<Group_Paging_Script></Group_Paging_Script>");
    }

    /** Grandstream numbers its ten slots by P-value pairs: priority n's address P(1567 + 2n), its label the next. */
    @Test
    void grandstreamFillsItsPriorityPairsInOrderAndClearsTheRest() {
        PhoneFamily family = GoldenFilesTest.CATALOG.family("grandstream/gxp").orElseThrow();
        String two = config(
                GoldenFilesTest.fixtureConfigs(List.of(HALL, YARD)),
                family,
                family.models().get(0));
        assertThat(two)
                .contains(
                        "<P1569>239.1.2.4:6000</P1569>",
                        "<P1570>Hall</P1570>",
                        "<P1571>239.1.2.6:6002</P1571>",
                        "<P1572>Yard</P1572>",
                        "<P1573></P1573>",
                        "<P1587></P1587>",
                        "<P1588></P1588>");
    }

    /** A name with the script's separators does not break it: they become spaces. */
    @Test
    void ciscoGroupNamesLoseTheScriptsSeparators() {
        PagingGroup odd =
                new PagingGroup("703", "Dock;num=9=A,B", List.of("201"), MulticastAddress.parse("239.1.2.8:6004"));
        PhoneFamily family = GoldenFilesTest.CATALOG.family("cisco/spa5xx").orElseThrow();
        assertThat(config(
                        GoldenFilesTest.fixtureConfigs(List.of(odd)),
                        family,
                        family.models().get(0)))
                .contains("pggrp=239.1.2.8:6004;name=Dock num 9 A B;num=703;listen=yes;");
    }

    private static String config(DeviceConfigs configs, PhoneFamily family, PhoneModel model) {
        ProvisionedFile config = family.files().stream()
                .filter(f -> f.kind() == ProvisionedFile.Kind.CONFIG)
                .findFirst()
                .orElseThrow();
        return GoldenFilesTest.render(configs, family, model, config);
    }
}
