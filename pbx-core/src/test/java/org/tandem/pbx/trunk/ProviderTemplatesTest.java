package org.tandem.pbx.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped provider templates load, carry their sources, and fill trunks the rules accept. */
class ProviderTemplatesTest {

    private final ProviderTemplates templates = new ProviderTemplates();

    @Test
    void theGenericTemplateComesFirstAndEveryProviderCitesItsOwnDocumentation() {
        List<ProviderTemplate> all = templates.list();
        assertThat(all.get(0).id()).isEqualTo("generic");
        assertThat(all.get(0).name()).isEqualTo("Generic SIP provider");
        assertThat(all)
                .extracting(ProviderTemplate::id)
                .containsExactly(
                        "generic", "sipgate-trunking", "twilio-elastic-sip", "telnyx-credentials", "flowroute");
        assertThat(templates.find("sipgate-trunking").orElseThrow().sources())
                .allMatch(s -> s.startsWith("https://help.sipgate.de/"));
        assertThat(templates.find("twilio-elastic-sip").orElseThrow().sources())
                .allMatch(s -> s.matches("https://(www\\.)?twilio\\.com/docs/.*"));
        assertThat(templates.find("telnyx-credentials").orElseThrow().sources())
                .allMatch(s -> s.matches("https://([a-z]+\\.)?telnyx\\.com(/.*)?"));
        assertThat(templates.find("flowroute").orElseThrow().sources())
                .allMatch(s -> s.startsWith("https://support.flowroute.com/"));
    }

    @Test
    void aTemplateFillsADraftWithTheProvidersSettingsAndTheAdminsAccount() {
        TrunkDraft twilio = templates.find("twilio-elastic-sip").orElseThrow().draft("twilio", "acct", "pw");
        assertThat(twilio.codecs()).containsExactly("PCMU", "PCMA");
        assertThat(twilio.register()).isFalse();
        assertThat(twilio.host()).isNull(); // the admin's own termination URI
        assertThat(twilio.template()).isEqualTo("twilio-elastic-sip");
        assertThat(twilio.username()).isEqualTo("acct");

        TrunkDraft flowroute = templates.find("flowroute").orElseThrow().draft("fr", "acct", "pw");
        assertThat(flowroute.host()).isEqualTo("sip.flowroute.com");
        assertThat(flowroute.assertIdentity()).isTrue(); // Flowroute reads P-Asserted-Identity first
        assertThat(flowroute.codecs()).isNull(); // its guide names none: any codec

        TrunkDraft sipgate = templates.find("sipgate-trunking").orElseThrow().draft("sg", "1234567t0", "pw");
        assertThat(sipgate.host()).isEqualTo("sipconnect.sipgate.de");
        assertThat(sipgate.register()).isNull(); // not in the cited page: Tandem's default
    }

    @Test
    void aTemplateWithAnUnknownCodecOrNoSourceStopsTheStart() {
        String unknownCodec = """
                {"about": "x", "templates": [{"id": "p", "name": "P", "sources": ["https://p.example/doc"],
                 "host": "sip.p.example", "codecs": ["AMR-WB"], "separateAuthUser": false}]}""";
        assertThatThrownBy(() -> load(unknownCodec)).hasMessageContaining("unknown codec AMR-WB");
        String noSource =
                unknownCodec.replace("[\"https://p.example/doc\"]", "[]").replace("AMR-WB", "PCMA");
        assertThatThrownBy(() -> load(noSource)).hasMessageContaining("no https source");
        String typo = unknownCodec.replace("\"codecs\"", "\"codec\"");
        assertThatThrownBy(() -> load(typo)).hasMessageContaining("codec");
    }

    private static ProviderTemplates load(String json) {
        return new ProviderTemplates(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
