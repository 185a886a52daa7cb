package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.routing.RoutingDirectory;

/** The call-routing API: call settings, ring groups, feature codes. Run per database by its subclasses. */
abstract class RoutingApiContract extends ApiTestBase {

    @Autowired
    RoutingDirectory routing;

    /** Null fields are left out of the JSON. */
    private void user(String extension) {
        if (!directory.exists(extension)) {
            assertThat(admin.post("/api/v1/users", user(extension, "User " + extension, "s3cret-" + extension, null))
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void callSettingsStartAtTheDefaultsAndAreReplacedWhole() {
        user("8701");
        user("8702"); // a forwarding target must exist (issue 17)
        JsonNode defaults = admin.get("/api/v1/users/8701/call-settings").json();
        assertThat(defaults.get("dnd").asBoolean()).isFalse();
        assertThat(absent(defaults, "forwardAlways")).isTrue();
        assertThat(defaults.get("noAnswerSeconds").asInt()).isEqualTo(20);
        assertThat(defaults.get("busyWhen").asText()).isEqualTo("ALL");

        Response put = admin.put(
                "/api/v1/users/8701/call-settings",
                "{\"dnd\":true,\"forwardBusy\":\"extension:8702\","
                        + "\"forwardNoAnswer\":\"external:+4930123456\",\"noAnswerSeconds\":15,\"mobileNumber\":\"+491701234567\","
                        + "\"ringMobile\":true,\"busyWhen\":\"any\",\"pickupGroup\":\"sales\"}");

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        JsonNode now = admin.get("/api/v1/users/8701/call-settings").json();
        assertThat(now.get("dnd").asBoolean()).isTrue();
        assertThat(now.get("forwardBusy").asText()).isEqualTo("extension:8702");
        assertThat(now.get("forwardNoAnswer").asText()).isEqualTo("external:+4930123456");
        assertThat(now.get("noAnswerSeconds").asInt()).isEqualTo(15);
        assertThat(now.get("ringMobile").asBoolean()).isTrue();
        assertThat(now.get("busyWhen").asText()).isEqualTo("ANY");
        assertThat(now.get("pickupGroup").asText()).isEqualTo("sales");
        assertThat(routing.callSettings("8701"))
                .hasValueSatisfying(s -> assertThat(s.dnd()).isTrue());
    }

    @Test
    void badCallSettingsNameEachFieldAndChangeNothing() {
        user("8703");
        Response r = admin.put(
                "/api/v1/users/8703/call-settings",
                "{\"forwardAlways\":\"nowhere\",\"forwardBusy\":\"extension:8703\","
                        + "\"noAnswerSeconds\":2,\"ringMobile\":true,\"busyWhen\":\"SOMETIMES\",\"pickupGroup\":\"a b\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode fields = r.json().get("fields");
        assertThat(fields.get("forwardAlways").asText()).contains("extension:201");
        assertThat(fields.get("forwardBusy").asText()).contains("itself");
        assertThat(fields.get("noAnswerSeconds").asText()).contains("5 to 300");
        assertThat(fields.get("ringMobile").asText()).contains("a mobile number"); // words, not mobileNumber (issue 17)
        assertThat(fields.get("busyWhen").asText()).contains("ANY");
        assertThat(fields.get("pickupGroup")).isNotNull();
        assertNoStackTrace(r);
        assertThat(absent(admin.get("/api/v1/users/8703/call-settings").json(), "forwardAlways"))
                .isTrue();
        assertThat(admin.get("/api/v1/users/8799/call-settings").status()).isEqualTo(404);
    }

    @Test
    void aDeletedUsersSettingsGoWithThem() {
        user("8704");
        admin.put("/api/v1/users/8704/call-settings", "{\"dnd\":true}");
        assertThat(admin.delete("/api/v1/users/8704").status()).isEqualTo(204);
        user("8704");

        assertThat(admin.get("/api/v1/users/8704/call-settings")
                        .json()
                        .get("dnd")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void ringGroupsAreCreatedReadUpdatedAndDeleted() {
        user("8711");
        Response created = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"8610\",\"name\":\"Sales\",\"strategy\":\"sequential\","
                        + "\"ringSeconds\":15,\"members\":[{\"destination\":\"extension:8711\",\"ringSeconds\":10},"
                        + "{\"destination\":\"external:+491701234567\"}],\"fallback\":\"extension:8711\",\"callerIdPrefix\":\"Sales: \"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/ring-groups/8610"));
        JsonNode g = admin.get("/api/v1/ring-groups/8610").json();
        assertThat(g.get("strategy").asText()).isEqualTo("SEQUENTIAL");
        assertThat(g.get("members").get(0).get("ringSeconds").asInt()).isEqualTo(10);
        assertThat(g.get("members").get(1).get("ringSeconds").asInt())
                .as("the group's ring time by default")
                .isEqualTo(15);
        assertThat(g.get("members").get(1).get("destination").asText()).isEqualTo("external:+491701234567");
        assertThat(g.get("callerIdPrefix").asText()).isEqualTo("Sales: ");

        Response updated = admin.put(
                "/api/v1/ring-groups/8610",
                "{\"name\":\"Sales team\",\"members\":[{\"destination\":\"extension:8711\"}]}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(admin.get("/api/v1/ring-groups").json().findValuesAsText("name"))
                .contains("Sales team");
        assertThat(routing.ringGroup("8610"))
                .hasValueSatisfying(r -> assertThat(r.members()).hasSize(1));

        assertThat(admin.delete("/api/v1/ring-groups/8610").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/ring-groups/8610").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/ring-groups/8610").status()).isEqualTo(404);
    }

    @Test
    void ringGroupNumbersAndExtensionsNeverCollide() {
        user("8712");
        assertThat(admin.post(
                                "/api/v1/ring-groups",
                                "{\"number\":\"8620\",\"name\":\"Support\",\"members\":[{\"destination\":\"extension:8712\"}]}")
                        .status())
                .isEqualTo(201);

        Response sameGroup = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"8620\",\"name\":\"Again\",\"members\":[{\"destination\":\"extension:8712\"}]}");
        Response groupOnExtension = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"8712\",\"name\":\"Clash\",\"members\":[{\"destination\":\"extension:8712\"}]}");
        Response extensionOnGroup = admin.post("/api/v1/users", user("8620", "Clash", "s3cret-8620", null));

        assertThat(sameGroup.status()).isEqualTo(409);
        assertThat(groupOnExtension.status()).isEqualTo(409);
        assertThat(groupOnExtension.json().get("message").asText()).contains("extension 8712");
        assertThat(extensionOnGroup.status()).isEqualTo(409);
        assertThat(extensionOnGroup.json().get("message").asText()).contains("ring group Support");
        assertThat(directory.exists("8620")).isFalse();
    }

    @Test
    void badRingGroupsNameEachField() {
        Response r = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"6x\",\"name\":\"\",\"strategy\":\"random\",\"ringSeconds\":1,"
                        + "\"members\":[{\"destination\":\"voicemail:8711\"},{\"destination\":\"external:abc\"}],\"fallback\":\"ringgroup:6x\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode fields = r.json().get("fields");
        assertThat(fields.get("number").asText()).contains("digits");
        assertThat(fields.get("name")).isNotNull();
        assertThat(fields.get("strategy").asText()).contains("SEQUENTIAL");
        assertThat(fields.get("ringSeconds")).isNotNull();
        assertThat(fields.get("members[0].destination").asText()).contains("extension");
        assertThat(fields.get("members[1].destination").asText()).contains("digits");
        assertThat(admin.post("/api/v1/ring-groups", "{\"number\":\"8630\",\"name\":\"Empty\",\"members\":[]}")
                        .json()
                        .get("fields")
                        .get("members"))
                .isNotNull();
        assertNoStackTrace(r);
    }

    @Test
    void featureCodesHaveDefaultsAndCanBeChangedWithoutClashes() {
        JsonNode codes = admin.get("/api/v1/feature-codes").json();
        assertThat(codes.get("DND_ON").asText()).isEqualTo("*78");
        assertThat(codes.get("VOICEMAIL_OWN").asText()).isEqualTo("*97");
        assertThat(codes.get("PICKUP_DIRECTED").asText()).isEqualTo("**");

        Response clash = admin.put("/api/v1/feature-codes", "{\"DND_ON\":\"*79\"}");
        Response bad = admin.put("/api/v1/feature-codes", "{\"DND_OFF\":\"79\",\"SING\":\"*1\"}");
        assertThat(clash.status()).isEqualTo(400);
        assertThat(clash.json().get("fields").toString()).contains("DND_OFF");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("SING")).isNotNull();

        Response ok = admin.put("/api/v1/feature-codes", "{\"DND_ON\":\"*55\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(admin.get("/api/v1/feature-codes").json().get("DND_ON").asText())
                .isEqualTo("*55");
        assertThat(admin.put("/api/v1/feature-codes", "{\"DND_ON\":\"*78\"}").status())
                .isEqualTo(200);
    }

    @Test
    void blocklistEntriesAreAddedCheckedListedAndRemoved() {
        user("8705");
        Response added =
                admin.post("/api/v1/blocklist", "{\"number\":\"+4930555\",\"prefix\":true,\"note\":\"sales calls\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        long id = added.json().get("id").asLong();
        assertThat(added.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/blocklist/" + id));
        JsonNode entry = admin.get("/api/v1/blocklist/" + id).json();
        assertThat(entry.get("number").asText()).isEqualTo("+4930555");
        assertThat(entry.get("prefix").asBoolean()).isTrue();
        assertThat(absent(entry, "extension")).isTrue();

        Response own = admin.post("/api/v1/blocklist", "{\"number\":\"0301234567\",\"extension\":\"8705\"}");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(admin.get("/api/v1/blocklist?extension=8705").json()).hasSize(1);

        Response duplicate = admin.post("/api/v1/blocklist", "{\"number\":\"4930555\",\"prefix\":true}");
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        Response bad = admin.post("/api/v1/blocklist", "{\"number\":\"call me\",\"extension\":\"8798\"}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("number").asText()).contains("digits");
        assertThat(bad.json().get("fields").get("extension").asText()).contains("8798");
        assertNoStackTrace(bad);

        Response changed = admin.put("/api/v1/blocklist/" + id, "{\"number\":\"+4930556\",\"prefix\":false}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("prefix").asBoolean()).isFalse();
        assertThat(admin.delete("/api/v1/blocklist/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/blocklist/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/blocklist/" + id).status()).isEqualTo(404);

        assertThat(admin.delete("/api/v1/users/8705").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/blocklist?extension=8705").json())
                .as("a deleted user's list goes with them")
                .isEmpty();
    }

    @Test
    void theBlocklistPolicyIsReadAndChangedField() {
        JsonNode defaults = admin.get("/api/v1/blocklist/policy").json();
        assertThat(defaults.get("treatment").asText()).isEqualTo("BUSY");
        assertThat(defaults.get("blockAnonymous").asBoolean()).isFalse();

        Response bad =
                admin.put("/api/v1/blocklist/policy", "{\"treatment\":\"SILENCE\",\"prompt\":\"no-such-prompt\"}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("treatment").asText()).contains("PROMPT");
        assertThat(bad.json().get("fields").get("prompt").asText()).contains("no-such-prompt");

        Response ok = admin.put("/api/v1/blocklist/policy", "{\"blockAnonymous\":true,\"treatment\":\"prompt\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("treatment").asText()).isEqualTo("PROMPT");
        assertThat(ok.json().get("prompt").asText()).isEqualTo("err-not-available");
        assertThat(admin.get("/api/v1/blocklist/policy")
                        .json()
                        .get("blockAnonymous")
                        .asBoolean())
                .isTrue();
        assertThat(admin.put("/api/v1/blocklist/policy", "{\"blockAnonymous\":false,\"treatment\":\"BUSY\"}")
                        .status())
                .isEqualTo(200);
    }
}
