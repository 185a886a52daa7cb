package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.media.Wav;

/**
 * Languages over the API (issue 18): a user, an IVR menu, a queue and a conference room each take {@code language}
 * (en, de, fr or es; anything else is 400 naming the field; left out on PUT keeps it, {@code ""} follows the system
 * language again); the setup's system language; prompts listed, uploaded and removed per language. Run per database
 * by {@link LanguageApiH2IT} and {@link LanguageApiMariaDbIT}; each test uses its own numbers.
 */
abstract class LanguageApiContract extends ApiTestBase {

    private static void assertBadLanguage(Response r, String given) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid input");
        assertThat(r.json().get("fields").get("language").asText())
                .isEqualTo("must be one of en, de, fr or es (got '" + given + "')");
        assertNoStackTrace(r);
    }

    @Test
    void aUserSpeaksTheLanguageGivenAndKeepsItUntilChanged() {
        Response created = admin.post(
                "/api/v1/users",
                "{\"extension\":\"1801\",\"displayName\":\"Dora\",\"password\":\"s3cret-1801\",\"language\":\"de\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("language").asText()).isEqualTo("de");
        assertThat(created.json().get("languageSource").asText()).isEqualTo("user");
        assertThat(created.json().get("spokenLanguage").asText()).isEqualTo("de");
        assertThat(directory.find("1801").orElseThrow().language()).isEqualTo("de");

        Response renamed = admin.put("/api/v1/users/1801", "{\"displayName\":\"Dora M\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("language").asText()).as("left out: kept").isEqualTo("de");

        assertBadLanguage(
                admin.put("/api/v1/users/1801", "{\"displayName\":\"Dora M\",\"language\":\"german\"}"), "german");
        assertThat(directory.find("1801").orElseThrow().language()).isEqualTo("de");

        assertThat(admin.put("/api/v1/users/1801", "{\"displayName\":\"Dora M\",\"language\":\"FR\"}")
                        .json()
                        .get("language")
                        .asText())
                .isEqualTo("fr");
        Response system = admin.put("/api/v1/users/1801", "{\"displayName\":\"Dora M\",\"language\":\"\"}");
        assertThat(system.json().path("language").asText(null))
                .as("\"\": the system language")
                .isNull();
        assertThat(admin.get("/api/v1/users/1801").json().path("language").asText(null))
                .isNull();
        // following the system language is said, not left out: "language": null, where from, and what is spoken
        assertThat(system.json().has("language")).as("present, as null").isTrue();
        assertThat(system.json().get("language").isNull()).isTrue();
        assertThat(system.json().get("languageSource").asText()).isEqualTo("system");
        assertThat(system.json().get("spokenLanguage").asText())
                .isEqualTo(setup.language().code());

        assertBadLanguage(
                admin.post(
                        "/api/v1/users",
                        "{\"extension\":\"1802\",\"displayName\":\"Eve\",\"password\":\"s3cret-1802\",\"language\":\"xx\"}"),
                "xx");
        assertThat(directory.exists("1802")).isFalse();
        Response plain = admin.post("/api/v1/users", user("1803", "Fay", "s3cret-1803", null));
        assertThat(plain.json().path("language").asText(null))
                .as("no language: the system's")
                .isNull();
    }

    @Test
    void theSystemLanguageIsSetUpAndChecked() {
        JsonNode before = admin.get("/api/v1/setup").json();
        assertThat(before.get("language").asText()).isEqualTo("en");
        String keep = "\"sipDomain\":\"" + before.get("sipDomain").asText() + "\",\"timeZone\":\""
                + before.get("timeZone").asText() + "\"";
        try {
            Response saved = admin.put("/api/v1/setup", "{" + keep + ",\"language\":\"es\"}");
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(saved.json().get("language").asText()).isEqualTo("es");
            assertThat(setup.language()).isEqualTo(org.tandem.pbx.prompt.Language.ES);
            assertThat(admin.put("/api/v1/setup", "{" + keep + "}")
                            .json()
                            .get("language")
                            .asText())
                    .as("left out: kept")
                    .isEqualTo("es");
            assertBadLanguage(admin.put("/api/v1/setup", "{" + keep + ",\"language\":\"klingon\"}"), "klingon");
            assertThat(admin.get("/api/v1/setup").json().get("language").asText())
                    .isEqualTo("es");
        } finally {
            assertThat(admin.put("/api/v1/setup", "{" + keep + ",\"language\":\"en\"}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void menusQueuesAndRoomsHaveALanguage() {
        Response menu = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"lang-menu\",\"greetingPrompt\":\"ivr-welcome\","
                        + "\"options\":{\"#\":\"hangup\"},\"language\":\"es\"}");
        assertThat(menu.status()).as(menu.toString()).isEqualTo(201);
        assertThat(menu.json().get("language").asText()).isEqualTo("es");
        assertThat(admin.put(
                                "/api/v1/ivr-menus/lang-menu",
                                "{\"greetingPrompt\":\"ivr-welcome\"," + "\"options\":{\"#\":\"hangup\"}}")
                        .json()
                        .get("language")
                        .asText())
                .as("left out: kept")
                .isEqualTo("es");
        assertBadLanguage(
                admin.put(
                        "/api/v1/ivr-menus/lang-menu",
                        "{\"greetingPrompt\":\"ivr-welcome\","
                                + "\"options\":{\"#\":\"hangup\"},\"language\":\"es-MX\"}"),
                "es-MX");

        Response queue = admin.post("/api/v1/queues", "{\"number\":\"1861\",\"name\":\"Soporte\",\"language\":\"fr\"}");
        assertThat(queue.status()).as(queue.toString()).isEqualTo(201);
        assertThat(queue.json().get("language").asText()).isEqualTo("fr");
        assertThat(admin.put("/api/v1/queues/1861", "{\"name\":\"Support\"}")
                        .json()
                        .get("language")
                        .asText())
                .isEqualTo("fr");
        assertBadLanguage(admin.put("/api/v1/queues/1861", "{\"language\":\"it\"}"), "it");
        assertThat(admin.get("/api/v1/queues/1861").json().get("language").asText())
                .isEqualTo("fr");
        assertThat(admin.put("/api/v1/queues/1861", "{\"language\":\"\"}")
                        .json()
                        .path("language")
                        .asText(null))
                .isNull();

        Response room =
                admin.post("/api/v1/conference-rooms", "{\"number\":\"1862\",\"name\":\"Raum\",\"language\":\"de\"}");
        assertThat(room.status()).as(room.toString()).isEqualTo(201);
        assertThat(room.json().get("language").asText()).isEqualTo("de");
        assertThat(admin.put("/api/v1/conference-rooms/1862", "{\"name\":\"Raum 2\"}")
                        .json()
                        .get("language")
                        .asText())
                .isEqualTo("de");
        assertBadLanguage(
                admin.post("/api/v1/conference-rooms", "{\"number\":\"1863\",\"name\":\"X\",\"language\":\"1\"}"), "1");
        assertThat(admin.get("/api/v1/conference-rooms/1863").status()).isEqualTo(404);
    }

    @Test
    void promptsAreListedUploadedAndRemovedPerLanguage() {
        JsonNode german = admin.get("/api/v1/prompts/goodbye?language=de").json();
        assertThat(german.get("language").asText()).isEqualTo("de");
        assertThat(german.get("text").asText()).isEqualTo("Auf Wiederhören.");
        assertThat(german.get("audioUrl").asText()).isEqualTo("/api/v1/prompts/goodbye/audio?language=de");
        assertThat(admin.get("/api/v1/prompts?language=fr").json().findValuesAsText("id"))
                .contains("num-80-compound");
        assertThat(admin.get("/api/v1/prompts").json().findValuesAsText("id")).doesNotContain("num-80-compound");
        assertBadLanguage(admin.get("/api/v1/prompts?language=xx"), "xx");

        short[] tone = new short[4000];
        for (int i = 0; i < tone.length; i++) tone[i] = (short) (9000 * Math.sin(2 * Math.PI * 700 * i / 8000.0));
        Response up = admin.sendBytes("PUT", "/api/v1/prompts/thank-you?language=fr", Wav.bytes(tone), "audio/wav");
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(up.json().get("uploaded").asBoolean()).isTrue();
        assertThat(up.json().get("seconds").asDouble()).isEqualTo(0.5);
        assertThat(admin.get("/api/v1/prompts/thank-you").json().get("uploaded").asBoolean())
                .as("English untouched")
                .isFalse();
        assertThat(admin.getBytes("/api/v1/prompts/thank-you/audio?language=fr"))
                .isEqualTo(Wav.bytes(tone));

        assertThat(admin.delete("/api/v1/prompts/thank-you?language=fr").status())
                .isEqualTo(204);
        assertThat(admin.get("/api/v1/prompts/thank-you?language=fr")
                        .json()
                        .get("uploaded")
                        .asBoolean())
                .isFalse();
        Response again = admin.delete("/api/v1/prompts/thank-you?language=fr");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("message").asText()).contains("Français");
    }
}
