package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * Provider templates ({@code /api/v1/trunk-templates}) and a trunk's codecs, DTMF mode and template (issue 17):
 * stored and read back from the database, every bad value named at its field.
 */
abstract class TrunkTemplatesApiContract extends ApiTestBase {

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void templatesListTheGenericOneFirstAndEachProviderWithItsSources() {
        Response r = admin.get("/api/v1/trunk-templates");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode all = r.json();
        assertThat(all.get(0).get("id").asText()).isEqualTo("generic");
        assertThat(all.get(0).get("name").asText()).isEqualTo("Generic SIP provider");
        for (JsonNode t : all) {
            if (t.get("id").asText().equals("generic")) continue;
            assertThat(texts(t.get("sources")))
                    .as(t.get("id").asText())
                    .isNotEmpty()
                    .allMatch(s -> s.startsWith("https://"));
        }
        Response twilio = admin.get("/api/v1/trunk-templates/twilio-elastic-sip");
        assertThat(twilio.status()).isEqualTo(200);
        assertThat(texts(twilio.json().get("codecs"))).containsExactly("PCMU", "PCMA");
        assertThat(twilio.json().get("register").asBoolean()).isFalse();
        assertThat(twilio.json().get("hostHint").asText()).contains("pstn.twilio.com");
        Response missing = admin.get("/api/v1/trunk-templates/acme");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).contains("GET /api/v1/trunk-templates");
    }

    @Test
    void aTrunkKeepsItsCodecsInOrderItsDtmfModeAndItsTemplate() {
        Response created = admin.post(
                "/api/v1/trunks",
                "{\"id\":\"tpl1\",\"host\":\"127.0.0.1\",\"username\":\"acct\","
                        + "\"password\":\"pw-1\",\"codecs\":[\"g722\",\"PCMA\",\"opus\"],\"dtmfMode\":\"rfc4733\","
                        + "\"template\":\"generic\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode read = admin.get("/api/v1/trunks/tpl1").json();
        assertThat(texts(read.get("codecs"))).containsExactly("G722", "PCMA", "opus");
        assertThat(read.get("dtmfMode").asText()).isEqualTo("rfc4733");
        assertThat(read.get("template").asText()).isEqualTo("generic");

        Response changed = admin.put(
                "/api/v1/trunks/tpl1",
                "{\"host\":\"127.0.0.1\",\"username\":\"acct\","
                        + "\"codecs\":[\"PCMU\"],\"template\":\"twilio-elastic-sip\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode after = admin.get("/api/v1/trunks/tpl1").json();
        assertThat(texts(after.get("codecs"))).containsExactly("PCMU");
        assertThat(after.get("template").asText()).isEqualTo("twilio-elastic-sip");

        Response plain = admin.put("/api/v1/trunks/tpl1", "{\"host\":\"127.0.0.1\",\"username\":\"acct\"}");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().get("codecs").size()).as("left out: any codec").isZero();
        assertThat(plain.json().path("template").isMissingNode()
                        || plain.json().path("template").isNull())
                .as("no template any more: " + plain.body())
                .isTrue();
        assertThat(admin.delete("/api/v1/trunks/tpl1").status()).isEqualTo(204);
    }

    @Test
    void badCodecsSipInfoAndUnknownTemplatesAreNamedAtTheirFields() {
        Response r = admin.post(
                "/api/v1/trunks",
                "{\"id\":\"tpl2\",\"host\":\"127.0.0.1\",\"codecs\":[\"PCMA\",\"AMR\"],"
                        + "\"dtmfMode\":\"info\",\"template\":\"acme\"}");

        assertThat(r.status()).isEqualTo(400);
        JsonNode fields = r.json().get("fields");
        assertThat(fields.get("codecs").asText()).contains("'AMR' is no codec");
        assertThat(fields.get("dtmfMode").asText()).contains("SIP INFO").contains("not supported");
        assertThat(fields.get("template").asText()).contains("'acme' is no provider template");
        Response none = admin.post("/api/v1/trunks", "{\"id\":\"tpl3\",\"host\":\"127.0.0.1\",\"codecs\":[\"CN\"]}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("fields").get("codecs").asText()).contains("at least one audio codec");
        assertThat(admin.get("/api/v1/trunks/tpl2").status()).isEqualTo(404);
        assertNoStackTrace(r);
    }
}
