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
 * The IVR, time condition, conference room and park API (issue 4's configuration side). Run per database
 * by its subclasses; each test uses its own names and numbers.
 */
abstract class IvrConferenceApiContract extends ApiTestBase {

    @Autowired
    IvrMenus menus;

    @Autowired
    TimeConditions timeConditions;

    @Autowired
    ConferenceRooms rooms;

    private void user(String extension) {
        if (!directory.exists(extension)) {
            assertThat(admin.post("/api/v1/users", user(extension, "User " + extension, "s3cret-" + extension, null))
                            .status())
                    .isEqualTo(201);
        }
    }

    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    @Test
    void ivrMenusAreCreatedReadUpdatedAndDeleted() {
        user("4801");
        user("4802");
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
        user("4811");
        user("4812");
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
    void conferenceRoomsKeepThePinHashedAndOutOfTheApi() {
        Response created = admin.post(
                "/api/v1/conference-rooms",
                "{\"number\":\"4850\",\"name\":\"Board room\",\"pin\":\"4711\","
                        + "\"maxParticipants\":8,\"record\":true}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("4711").doesNotContain("$2a$");
        JsonNode r = admin.get("/api/v1/conference-rooms/4850").json();
        assertThat(r.get("hasPin").asBoolean()).isTrue();
        assertThat(r.get("maxParticipants").asInt()).isEqualTo(8);
        assertThat(r.get("record").asBoolean()).isTrue();
        assertThat(r.get("locked").asBoolean()).isFalse();
        assertThat(r.get("announceJoinLeave").asBoolean()).as("default").isTrue();
        assertThat(rooms.pinMatches("4850", "4711")).isTrue();
        assertThat(rooms.pinMatches("4850", "1234")).isFalse();
        assertThat(rooms.find("4850"))
                .hasValueSatisfying(
                        x -> assertThat(x.pinHash()).startsWith("$2a$").doesNotContain("4711"));

        Response locked = admin.put("/api/v1/conference-rooms/4850", "{\"locked\":true}");
        assertThat(locked.status()).as(locked.toString()).isEqualTo(400);
        assertThat(locked.json().get("fields").get("name"))
                .as("the name is still required")
                .isNotNull();
        locked = admin.put("/api/v1/conference-rooms/4850", "{\"name\":\"Board room\",\"locked\":true}");
        assertThat(locked.json().get("locked").asBoolean()).isTrue();
        assertThat(locked.json().get("hasPin").asBoolean())
                .as("no pin given: kept")
                .isTrue();
        assertThat(locked.json().get("maxParticipants").asInt()).as("kept").isEqualTo(8);
        Response noPin = admin.put("/api/v1/conference-rooms/4850", "{\"name\":\"Board room\",\"pin\":\"\"}");
        assertThat(noPin.json().get("hasPin").asBoolean()).isFalse();
        assertThat(rooms.pinMatches("4850", null)).isTrue();

        Response menu = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"meet\",\"greetingPrompt\":\"ivr-welcome\"," + "\"options\":{\"1\":\"conference:4850\"}}");
        assertThat(menu.status()).as("conference:4850 exists now").isEqualTo(201);

        Response inUse = admin.delete("/api/v1/conference-rooms/4850");
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.json().get("error").asText()).isEqualTo("in use");
        assertThat(inUse.json().get("message").asText()).contains("IVR menu meet (key 1)");
        assertThat(admin.delete("/api/v1/ivr-menus/meet").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/conference-rooms/4850").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/conference-rooms/4850").status()).isEqualTo(404);
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
    void aRoomsParticipantsAreListedAndUnknownOnesAre404() {
        assertThat(admin.post("/api/v1/conference-rooms", "{\"number\":\"4857\",\"name\":\"Stand-up\"}")
                        .status())
                .isEqualTo(201);
        Response empty = admin.get("/api/v1/conference-rooms/4857/participants");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().size()).isZero();
        assertThat(admin.get("/api/v1/conference-rooms/4859/participants").status())
                .isEqualTo(404);
        Response mute = admin.put("/api/v1/conference-rooms/4857/participants/nobody", "{\"muted\":true}");
        assertThat(mute.status()).isEqualTo(404);
        assertThat(mute.json().get("message").asText()).contains("participants lists them");
        assertThat(admin.put("/api/v1/conference-rooms/4857/participants/nobody", "{}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.delete("/api/v1/conference-rooms/4857/participants/nobody")
                        .status())
                .isEqualTo(404);
        Response recorded = admin.get("/api/v1/conference-rooms/4857/recordings");
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.json().size()).isZero();
        assertThat(admin.get("/api/v1/conference-rooms/4857/recordings/20260101-000000Z.wav")
                        .status())
                .isEqualTo(404);
        assertThat(admin.get("/api/v1/conference-rooms/4857/recordings/..%2Fsecret.key")
                        .status())
                .isIn(400, 404);
    }

    @Test
    void badConferenceRoomsNameEachField() {
        Response r = admin.post(
                "/api/v1/conference-rooms", "{\"number\":\"8a\",\"name\":\"\",\"pin\":\"12\",\"maxParticipants\":1}");

        assertThat(r.status()).isEqualTo(400);
        JsonNode f = r.json().get("fields");
        assertThat(f.get("number").asText()).contains("digits");
        assertThat(f.get("name").asText()).contains("required");
        assertThat(f.get("pin").asText()).contains("4 to 12 digits");
        assertThat(f.get("maxParticipants").asText()).contains("2 to 100");
        assertNoStackTrace(r);
    }

    @Test
    void roomNumbersExtensionsAndRingGroupsNeverCollide() {
        user("4861");
        assertThat(admin.post("/api/v1/conference-rooms", "{\"number\":\"4860\",\"name\":\"Daily\"}")
                        .status())
                .isEqualTo(201);
        assertThat(admin.post(
                                "/api/v1/ring-groups",
                                "{\"number\":\"4862\",\"name\":\"Team\",\"members\":[{\"destination\":\"extension:4861\"}]}")
                        .status())
                .isEqualTo(201);

        Response sameRoom = admin.post("/api/v1/conference-rooms", "{\"number\":\"4860\",\"name\":\"Again\"}");
        Response roomOnExtension = admin.post("/api/v1/conference-rooms", "{\"number\":\"4861\",\"name\":\"Clash\"}");
        Response roomOnGroup = admin.post("/api/v1/conference-rooms", "{\"number\":\"4862\",\"name\":\"Clash\"}");
        Response extensionOnRoom = admin.post("/api/v1/users", user("4860", "Clash", "s3cret-4860", null));
        Response groupOnRoom = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"4860\",\"name\":\"Clash\",\"members\":[{\"destination\":\"extension:4861\"}]}");

        for (Response c : new Response[] {sameRoom, roomOnExtension, roomOnGroup, extensionOnRoom, groupOnRoom}) {
            assertThat(c.status()).as(c.toString()).isEqualTo(409);
            assertThat(c.json().get("error").asText()).isEqualTo("duplicate");
        }
        assertThat(extensionOnRoom.json().get("message").asText()).contains("conference room Daily");
        assertThat(groupOnRoom.json().get("message").asText()).contains("conference room Daily");
        assertThat(roomOnGroup.json().get("message").asText()).contains("ring group Team");
        assertThat(directory.exists("4860")).isFalse();
    }

    @Test
    void callSettingsAndRingGroupsNameOnlyExistingRoomsMenusAndConditions() {
        user("4881");
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
    void parkHasSettingsAnOrbitRangeOfFreeNumbersAndAFeatureCode() {
        JsonNode defaults = admin.get("/api/v1/park").json();
        assertThat(defaults.get("featureCode").asText()).isEqualTo("*70");
        assertThat(admin.get("/api/v1/feature-codes").json().get("PARK").asText())
                .isEqualTo("*70");

        user("4875");
        Response clash = admin.put("/api/v1/park", "{\"firstOrbit\":\"4870\",\"lastOrbit\":\"4879\"}");
        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
        assertThat(clash.json().get("message").asText()).contains("4875");

        Response bad = admin.put(
                "/api/v1/park",
                "{\"firstOrbit\":\"4709\",\"lastOrbit\":\"4701\",\"timeoutSeconds\":5,\"featureCode\":\"70\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("lastOrbit").asText()).contains("below");
        assertThat(bad.json().get("fields").get("timeoutSeconds").asText()).contains("10 to 3600");
        Response onlyOne = admin.put("/api/v1/park", "{\"firstOrbit\":\"4701\"}");
        assertThat(onlyOne.json().get("fields").get("lastOrbit").asText()).contains("both ends");
        Response badCode = admin.put("/api/v1/park", "{\"featureCode\":\"70\"}");
        assertThat(badCode.json().get("fields").get("featureCode").asText()).contains("start with * or #");
        Response takenCode = admin.put("/api/v1/park", "{\"featureCode\":\"*78\"}");
        assertThat(takenCode.status()).isEqualTo(400);
        assertThat(takenCode.json().get("fields").get("featureCode")).isNotNull();

        Response ok = admin.put(
                "/api/v1/park",
                "{\"firstOrbit\":\"4701\",\"lastOrbit\":\"4709\",\"timeoutSeconds\":90,"
                        + "\"returnToParker\":false,\"featureCode\":\"*77\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        JsonNode now = admin.get("/api/v1/park").json();
        assertThat(now.get("enabled").asBoolean()).isTrue();
        assertThat(now.get("firstOrbit").asText()).isEqualTo("4701");
        assertThat(now.get("lastOrbit").asText()).isEqualTo("4709");
        assertThat(now.get("timeoutSeconds").asInt()).isEqualTo(90);
        assertThat(now.get("returnToParker").asBoolean()).isFalse();
        assertThat(now.get("featureCode").asText()).isEqualTo("*77");
        assertThat(admin.get("/api/v1/feature-codes").json().get("PARK").asText())
                .isEqualTo("*77");

        Response extensionOnOrbit = admin.post("/api/v1/users", user("4705", "Clash", "s3cret-4705", null));
        Response roomOnOrbit = admin.post("/api/v1/conference-rooms", "{\"number\":\"4706\",\"name\":\"Clash\"}");
        assertThat(extensionOnOrbit.status()).isEqualTo(409);
        assertThat(extensionOnOrbit.json().get("message").asText()).contains("park orbit 4705");
        assertThat(roomOnOrbit.status()).isEqualTo(409);

        Response off = admin.put("/api/v1/park", "{}");
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(absent(off.json(), "firstOrbit")).isTrue();
        assertThat(off.json().get("featureCode").asText()).as("kept").isEqualTo("*77");
        assertThat(admin.post("/api/v1/users", user("4705", "Now free", "s3cret-4705", null))
                        .status())
                .isEqualTo(201);

        Response putBack = admin.put("/api/v1/park", defaults.toString());
        assertThat(putBack.status())
                .as("the park settings other classes expect: " + putBack)
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/feature-codes").json().get("PARK").asText())
                .isEqualTo("*70");
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
