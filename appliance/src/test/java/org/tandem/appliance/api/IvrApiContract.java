package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.timecondition.TimeConditions;

/**
 * The IVR menu and time condition API (issue 4's configuration side), what call settings and ring groups may name
 * (existing rooms, menus and conditions only), and an operator's read-only access to these and to rooms and park.
 * Conference rooms and park: {@link ConferenceParkApiContract}. Run per database by its subclasses; each test uses
 * its own names and numbers (48xx, shared with that contract).
 */
abstract class IvrApiContract extends ApiTestBase {

    @Autowired
    IvrMenus menus;

    @Autowired
    TimeConditions timeConditions;

    @Autowired
    ConferenceRooms rooms;

    @Test
    void ivrMenusAreCreatedReadUpdatedAndDeleted() {
        ensureUser("4801");
        ensureUser("4802");
        Response created = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"main\",\"greetingPrompt\":\"ivr-welcome\","
                        + "\"options\":{\"1\":\"extension:4801\",\"2\":\"voicemail:4802\",\"0\":\"ivr:main\",\"#\":\"hangup\"},"
                        + "\"dialByExtension\":true,\"digitTimeoutSeconds\":6,\"retries\":1,\"fallback\":\"extension:4802\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/ivr-menus/main"));
        JsonNode m = admin.get("/api/v1/ivr-menus/main").json();
        assertThat(m.get("options").get("1").asText()).isEqualTo("extension:4801");
        assertThat(m.get("options").get("0").asText())
                .as("a key may repeat the menu")
                .isEqualTo("ivr:main");
        assertThat(m.get("options").get("#").asText()).isEqualTo("hangup");
        assertThat(m.get("dialByExtension").asBoolean()).isTrue();
        assertThat(m.get("digitTimeoutSeconds").asInt()).isEqualTo(6);
        assertThat(m.get("interDigitTimeoutSeconds").asInt()).as("default").isEqualTo(3);
        assertThat(m.get("invalidPrompt").asText()).as("default").isEqualTo("ivr-invalid-option");
        assertThat(m.get("retries").asInt()).isEqualTo(1);
        assertThat(m.get("fallback").asText()).isEqualTo("extension:4802");

        Response updated = admin.put(
                "/api/v1/ivr-menus/main",
                "{\"greetingPrompt\":\"ivr-office-closed\",\"options\":{\"5\":\"extension:4802\"}}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(admin.get("/api/v1/ivr-menus").json().findValuesAsText("greetingPrompt"))
                .contains("ivr-office-closed");
        assertThat(menus.find("main")).hasValueSatisfying(x -> {
            assertThat(x.options()).containsOnlyKeys("5");
            assertThat(x.fallback()).as("replaced whole: no fallback given").isNull();
        });
        assertThat(admin.post(
                                "/api/v1/ivr-menus",
                                "{\"name\":\"main\",\"greetingPrompt\":\"ivr-welcome\",\"dialByExtension\":true}")
                        .status())
                .isEqualTo(409);

        assertThat(admin.delete("/api/v1/ivr-menus/main").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/ivr-menus/main").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/ivr-menus/main").status()).isEqualTo(404);
    }

    @Test
    void badIvrMenusNameEachFieldAndChangeNothing() {
        Response r = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"bad menu\",\"greetingPrompt\":\"Hello There\","
                        + "\"options\":{\"x\":\"extension:4801\",\"1\":\"nowhere\",\"2\":\"extension:4899\",\"3\":\"conference:4899\","
                        + "\"4\":\"ivr:nosuch\",\"5\":\"time:nosuch\"},\"digitTimeoutSeconds\":0,\"interDigitTimeoutSeconds\":99,"
                        + "\"retries\":-1,\"fallback\":\"ringgroup:4899\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode f = r.json().get("fields");
        assertThat(f.get("name").asText()).contains("letters, digits");
        assertThat(f.get("greetingPrompt").asText()).contains("prompt id");
        assertThat(f.get("options.x").asText()).contains("0-9, * or #");
        assertThat(f.get("options.1").asText()).contains("extension:201");
        assertThat(f.get("options.2").asText()).contains("no extension 4899");
        assertThat(f.get("options.3").asText()).contains("no conference room 4899");
        assertThat(f.get("options.4").asText()).contains("no IVR menu nosuch");
        assertThat(f.get("options.5").asText()).contains("no time condition nosuch");
        assertThat(f.get("digitTimeoutSeconds").asText()).contains("1 to 60");
        assertThat(f.get("interDigitTimeoutSeconds").asText()).contains("1 to 10");
        assertThat(f.get("retries").asText()).contains("0 to 10");
        assertThat(f.get("fallback").asText()).contains("no ring group 4899");
        assertNoStackTrace(r);
        assertThat(menus.list()).extracting(m -> m.name()).doesNotContain("bad menu");

        Response empty = admin.post("/api/v1/ivr-menus", "{\"name\":\"empty\",\"greetingPrompt\":\"ivr-welcome\"}");
        assertThat(empty.json().get("fields").get("options").asText()).contains("dial-by-extension");
        Response loop = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"loop\",\"greetingPrompt\":\"ivr-welcome\","
                        + "\"dialByExtension\":true,\"fallback\":\"ivr:loop\"}");
        assertThat(loop.json().get("fields").get("fallback").asText()).contains("itself");
    }

    @Test
    void timeConditionsAreCreatedReadUpdatedAndDeleted() {
        ensureUser("4811");
        ensureUser("4812");
        Response created = admin.post(
                "/api/v1/time-conditions",
                "{\"name\":\"office\",\"timeZone\":\"Europe/Berlin\","
                        + "\"weekly\":[{\"day\":\"monday\",\"opens\":\"08:00\",\"closes\":\"17:00\"},{\"day\":\"SAT\",\"opens\":\"9:30\",\"closes\":\"24:00\"}],"
                        + "\"holidays\":[{\"from\":\"2026-12-24\",\"to\":\"2026-12-26\",\"name\":\"Christmas\"},{\"from\":\"2027-01-01\"}],"
                        + "\"open\":\"extension:4811\",\"closed\":\"voicemail:4812\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = admin.get("/api/v1/time-conditions/office").json();
        assertThat(c.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(c.get("weekly").get(0).get("day").asText()).isEqualTo("MONDAY");
        assertThat(c.get("weekly").get(1).get("day").asText()).isEqualTo("SATURDAY");
        assertThat(c.get("weekly").get(1).get("opens").asText()).isEqualTo("09:30");
        assertThat(c.get("weekly").get(1).get("closes").asText()).isEqualTo("24:00");
        assertThat(c.get("holidays").get(0).get("to").asText()).isEqualTo("2026-12-26");
        assertThat(c.get("holidays").get(1).get("to").asText()).as("one day").isEqualTo("2027-01-01");
        assertThat(c.get("open").asText()).isEqualTo("extension:4811");
        assertThat(c.get("closed").asText()).isEqualTo("voicemail:4812");
        assertThat(c.get("openNow").isBoolean()).isTrue();
        assertThat(timeConditions.destinationNow("office")).isPresent();

        // a time condition is a destination of IVR menus (and of everything else that routes)
        Response menu = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"office-menu\",\"greetingPrompt\":\"ivr-welcome\","
                        + "\"options\":{\"1\":\"time:office\"}}");
        assertThat(menu.status()).as(menu.toString()).isEqualTo(201);

        Response noZone = admin.put(
                "/api/v1/time-conditions/office", "{\"weekly\":[],\"open\":\"extension:4812\",\"closed\":\"hangup\"}");
        assertThat(noZone.status()).as(noZone.toString()).isEqualTo(200);
        assertThat(noZone.json().get("timeZone").asText())
                .as("the appliance's time zone")
                .isEqualTo(java.time.ZoneId.systemDefault().getId());
        assertThat(noZone.json().get("openNow").asBoolean())
                .as("no ranges: always closed")
                .isFalse();
        assertThat(timeConditions.destinationNow("office")).contains(new Destination.Hangup());

        // not while the menu sends calls to it: they would fail
        Response inUse = admin.delete("/api/v1/time-conditions/office");
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("IVR menu office-menu (key 1)");
        assertThat(admin.get("/api/v1/time-conditions/office").status()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/ivr-menus/office-menu").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/time-conditions/office").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/time-conditions/office").status()).isEqualTo(404);
    }

    @Test
    void badTimeConditionsNameEachField() {
        Response r = admin.post(
                "/api/v1/time-conditions",
                "{\"name\":\"shop\",\"timeZone\":\"Mars/Olympus\","
                        + "\"weekly\":[{\"day\":\"Funday\",\"opens\":\"25:00\",\"closes\":\"17:00\"},{\"day\":\"TUESDAY\",\"opens\":\"17:00\",\"closes\":\"08:00\"}],"
                        + "\"holidays\":[{\"from\":\"2026-12-26\",\"to\":\"2026-12-24\"},{\"from\":\"tomorrow\"}],"
                        + "\"open\":\"time:shop\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode f = r.json().get("fields");
        assertThat(f.get("timeZone").asText()).contains("Europe/Berlin");
        assertThat(f.get("weekly[0].day").asText()).contains("MONDAY");
        assertThat(f.get("weekly[0].opens").asText()).contains("HH:MM");
        assertThat(f.get("weekly[1].closes").asText()).contains("after opens");
        assertThat(f.get("holidays[0].to").asText()).contains("before from");
        assertThat(f.get("holidays[1].from").asText()).contains("YYYY-MM-DD");
        assertThat(f.get("open").asText()).contains("itself");
        assertThat(f.get("closed").asText()).contains("required");
        assertNoStackTrace(r);
        assertThat(admin.get("/api/v1/time-conditions/shop").status()).isEqualTo(404);
    }

    @Test
    void aMenusPromptsMustBeInThePromptSet() {
        Response r = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"nightly\",\"greetingPrompt\":\"never-uploaded\","
                        + "\"invalidPrompt\":\"nor-this\",\"dialByExtension\":true}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("fields").get("greetingPrompt").asText())
                .contains("no prompt never-uploaded")
                .contains("Prompts page");
        assertThat(r.json().get("fields").get("invalidPrompt").asText()).contains("no prompt nor-this");
        assertThat(admin.get("/api/v1/ivr-menus/nightly").status()).isEqualTo(404);
    }

    @Test
    void callSettingsAndRingGroupsNameOnlyExistingRoomsMenusAndConditions() {
        ensureUser("4881");
        Response settings = admin.put(
                "/api/v1/users/4881/call-settings",
                "{\"forwardAlways\":\"conference:4889\","
                        + "\"forwardBusy\":\"ivr:nosuch\",\"forwardNoAnswer\":\"time:nosuch\"}");
        Response group = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"4882\",\"name\":\"Night\","
                        + "\"members\":[{\"destination\":\"extension:4881\"}],\"fallback\":\"ivr:nosuch\"}");

        assertThat(settings.status()).as(settings.toString()).isEqualTo(400);
        assertThat(settings.json().get("fields").get("forwardAlways").asText()).contains("no conference room 4889");
        assertThat(settings.json().get("fields").get("forwardBusy").asText()).contains("no IVR menu nosuch");
        assertThat(settings.json().get("fields").get("forwardNoAnswer").asText())
                .contains("no time condition nosuch");
        assertThat(group.status()).as(group.toString()).isEqualTo(400);
        assertThat(group.json().get("fields").get("fallback").asText()).contains("no IVR menu nosuch");
        assertThat(admin.get("/api/v1/ring-groups/4882").status()).isEqualTo(404);

        assertThat(admin.post("/api/v1/conference-rooms", "{\"number\":\"4889\",\"name\":\"Late\"}")
                        .status())
                .isEqualTo(201);
        Response ok = admin.put("/api/v1/users/4881/call-settings", "{\"forwardAlways\":\"conference:4889\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("forwardAlways").asText()).isEqualTo("conference:4889");
    }

    @Test
    void operatorsMayOnlyRead() {
        if (accounts.find("operator").isEmpty())
            accounts.create("operator", "operator-secret", AdminRole.OPERATOR, false);
        ApiClient operator = anonymous.as("operator", "operator-secret");

        for (String path :
                new String[] {"/api/v1/ivr-menus", "/api/v1/time-conditions", "/api/v1/conference-rooms", "/api/v1/park"
                }) {
            assertThat(operator.get(path).status()).as(path).isEqualTo(200);
        }
        Response post = operator.post("/api/v1/conference-rooms", "{\"number\":\"4890\",\"name\":\"Nope\"}");
        Response put = operator.put("/api/v1/park", "{}");
        assertThat(post.status()).isEqualTo(403);
        assertThat(put.status()).isEqualTo(403);
        assertThat(rooms.find("4890")).isEmpty();
    }

    @Test
    void aMenuAnInboundRouteSendsCallsToIsNotDeletedUntilTheRouteChanges() {
        assertThat(admin.post(
                                "/api/v1/ivr-menus",
                                "{\"name\":\"reception\",\"greetingPrompt\":\"ivr-welcome\","
                                        + "\"options\":{\"#\":\"hangup\"}}")
                        .status())
                .isEqualTo(201);
        assertThat(admin.put("/api/v1/inbound-routes/4930555777", "{\"destination\":\"ivr:reception\"}")
                        .status())
                .isEqualTo(200);

        Response inUse = admin.delete("/api/v1/ivr-menus/reception");
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("inbound route 4930555777");
        assertThat(admin.get("/api/v1/ivr-menus/reception").status()).as("kept").isEqualTo(200);

        assertThat(admin.delete("/api/v1/inbound-routes/4930555777").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/ivr-menus/reception").status()).isEqualTo(204);
    }
}
