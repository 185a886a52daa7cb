package org.tandem.pbx.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.validation.InvalidInputException;

/** The codec list, DTMF mode and template of a trunk as {@link TrunkRules} checks them. */
class TrunkCodecRulesTest {

    private static TrunkDraft draft(List<String> codecs, String dtmf, String template) {
        return new TrunkDraft(
                "t",
                "sip.example.net",
                null,
                null,
                "acct",
                null,
                "pw",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                codecs,
                dtmf,
                template);
    }

    private static TrunkRules.Checked check(TrunkDraft d) {
        return TrunkRules.check(d, true, false, Set.of("generic"));
    }

    @Test
    void namesAreCanonicalisedAndKeepTheirOrder() {
        TrunkRules.Checked c = check(draft(List.of("pcma", " G722 ", "OPUS", "cn"), "RFC2833", "generic"));
        assertThat(c.codecs()).containsExactly("PCMA", "G722", "opus", "CN");
        assertThat(c.dtmfMode()).isEqualTo(DtmfMode.RFC4733);
        assertThat(c.template()).isEqualTo("generic");
        assertThat(check(draft(null, null, null)).codecs()).isEmpty(); // any codec
    }

    @Test
    void badListsAreRefusedAtTheirField() {
        assertError(draft(List.of("PCMA", "AMR"), null, null), "codecs", "'AMR' is no codec Tandem knows");
        assertError(draft(List.of(), null, null), "codecs", "at least one audio codec");
        assertError(draft(List.of("CN"), null, null), "codecs", "at least one audio codec");
        assertError(draft(List.of("PCMA", "pcma"), null, null), "codecs", "PCMA is listed twice");
        assertError(draft(List.of("PCMA", "telephone-event"), null, null), "codecs", "DTMF mode");
    }

    @Test
    void sipInfoIsRefusedWithAClearReasonAndUnknownTemplatesToo() {
        assertError(draft(null, "info", null), "dtmfMode", "SIP INFO (application/dtmf-relay) is not supported yet");
        assertError(draft(null, "inband", null), "dtmfMode", "must be rfc4733");
        assertError(draft(null, null, "acme"), "template", "'acme' is no provider template");
        // in words a web UI admin can act on, naming the templates there are (issue 17, defect 11), not an API call
        assertError(draft(null, null, "acme"), "template", "the list \"New trunk from template\" on the Trunks page");
        assertThatThrownBy(() -> check(draft(null, null, "acme")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("template")).doesNotContain("GET /api"));
    }

    private static void assertError(TrunkDraft d, String field, String text) {
        assertThatThrownBy(() -> check(d))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsKey(field)
                                .extractingByKey(field)
                                .asString()
                                .contains(text));
    }
}
