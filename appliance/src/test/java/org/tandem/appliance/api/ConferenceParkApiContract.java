package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.conference.ConferenceRooms;

/**
 * The conference room and call park API (issue 4's configuration side): a room's PIN kept hashed and out of the API,
 * its participants, refusals naming each field, room numbers that never collide with extensions and ring groups, and
 * park's settings, orbit range and feature code. Run per database by its subclasses; each test uses its own names and
 * numbers (48xx, shared with {@link IvrApiContract}).
 */
abstract class ConferenceParkApiContract extends ApiTestBase {

    @Autowired
    ConferenceRooms rooms;

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
        ensureUser("4861");
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
    void parkHasSettingsAnOrbitRangeOfFreeNumbersAndAFeatureCode() {
        JsonNode defaults = admin.get("/api/v1/park").json();
        assertThat(defaults.get("featureCode").asText()).isEqualTo("*70");
        assertThat(admin.get("/api/v1/feature-codes").json().get("PARK").asText())
                .isEqualTo("*70");

        ensureUser("4875");
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
}
