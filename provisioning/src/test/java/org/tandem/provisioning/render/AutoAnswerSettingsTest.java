package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandem.pbx.routing.AutoAnswer;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Paging and intercom need the phone's own consent (issue 18): every model of the families whose auto-answer
 * setting Tandem knows gets it in its configuration, and Polycom's Alert-Info match is the very URI the PBX sends
 * ({@link AutoAnswer#ALERT_INFO_URI}), so the two cannot drift apart.
 */
class AutoAnswerSettingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "snom/d3xx|<answer_after_policy perm=\"R\">idle</answer_after_policy>",
                "snom/d7xx|<answer_after_policy perm=\"R\">idle</answer_after_policy>",
                "yealink/t4x|features.intercom.allow = 1",
                "yealink/t5x|features.intercom.allow = 1",
                "grandstream/gxp|<P298>1</P298>",
                "grandstream/grp|<P298>1</P298>",
                "polycom/vvx5|voIpProt.SIP.alertInfo.1.class=\"autoAnswer\"",
                "polycom/vvx6|voIpProt.SIP.alertInfo.1.class=\"autoAnswer\""
            })
    void everyModelAllowsAutoAnswer(String familyId, String setting) {
        PhoneFamily family = GoldenFilesTest.CATALOG.family(familyId).orElseThrow();
        ProvisionedFile config = family.files().stream()
                .filter(f -> f.kind() == ProvisionedFile.Kind.CONFIG)
                .findFirst()
                .orElseThrow();
        for (PhoneModel model : family.models()) {
            String rendered = GoldenFilesTest.render(family, model, config);
            assertThat(rendered).as(familyId + " " + model.name()).contains(setting);
            if (familyId.startsWith("polycom")) {
                assertThat(rendered).contains("voIpProt.SIP.alertInfo.1.value=\"" + AutoAnswer.ALERT_INFO_URI + "\"");
                assertThat(AutoAnswer.headers("pbx.test").get(1)[1]).startsWith("<" + AutoAnswer.ALERT_INFO_URI + ">");
            }
        }
    }
}
