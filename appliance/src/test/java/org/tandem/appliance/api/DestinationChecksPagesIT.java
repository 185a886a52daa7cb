package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * Issue 17, defect 8, in headless Chromium against the Spring-started appliance: one rule for destinations
 * everywhere: a destination must exist. Extension 999 (there is none) is refused at its field in a ring group, an
 * inbound route and a user's forwarding, as IVR menus always did; adding a DID that already has a route is a clash
 * shown at the DID field (REST: 409), not a silent replace of where its calls go.
 */
@PagesAppliance
class DestinationChecksPagesIT extends ApiTestBase {

    /** How the picker lists the time condition "shop": its destinations in words too (issue 17, defect 11). */
    private static final String SHOP =
            "shop · open: Extension 171 · Greta Picker, closed: Voicemail box 171 · Greta Picker";

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @Test
    void aDestinationThatDoesNotExistIsRefusedEverywhereAndADuplicateDidIsAClash(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("151", "Nina Number", "sip-secret-151", null))
                        .status())
                .isEqualTo(201);
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/ring-groups", "admin", ADMIN_PASSWORD);
            browser.click("add-ring-group");
            browser.fill("rg-number", "650");
            browser.fill("rg-name", "Nobody");
            browser.fill("rg-member-0-value", "999");
            browser.click("save-ring-group");
            assertThat(browser.fieldError("rg-member-0")).contains("there is no extension 999");
            assertThat(admin.get("/api/v1/ring-groups/650").status())
                    .as("nothing saved")
                    .isEqualTo(404);

            browser.open("/user-routing/151");
            browser.choose("cs-forward-busy-type", "Extension");
            browser.fill("cs-forward-busy-value", "999");
            browser.click("save-call-settings");
            assertThat(browser.fieldError("cs-forward-busy")).contains("there is no extension 999");
            assertThat(admin.get("/api/v1/users/151/call-settings").json().has("forwardBusy")
                            && !admin.get("/api/v1/users/151/call-settings")
                                    .json()
                                    .get("forwardBusy")
                                    .isNull())
                    .as("nothing saved")
                    .isFalse();

            browser.open("/inbound-routes");
            browser.fill("inbound-did", "4930555999");
            browser.choose("inbound-destination-type", "Extension");
            browser.fill("inbound-destination-value", "999");
            browser.click("add-inbound-route");
            assertThat(browser.fieldError("inbound-destination")).contains("there is no extension 999");
            assertThat(admin.get("/api/v1/inbound-routes/4930555999").status())
                    .as("nothing saved")
                    .isEqualTo(404);

            browser.fill("inbound-destination-value", "151");
            browser.click("add-inbound-route");
            browser.awaitText("inbound-routes", "Extension 151 · Nina Number");
            browser.fill("inbound-did", "4930555999");
            browser.choose("inbound-destination-type", "Hang up");
            browser.click("add-inbound-route");
            assertThat(browser.fieldError("inbound-did")).contains("already has an inbound route");
            DeletionPagesIT.screenshot(browser, work, "inbound-route-duplicate");
            assertThat(admin.get("/api/v1/inbound-routes/4930555999")
                            .json()
                            .get("destination")
                            .asText())
                    .as("not replaced")
                    .isEqualTo("extension:151");
        }

        Response duplicate =
                admin.post("/api/v1/inbound-routes", "{\"did\":\"+4930555999\",\"destination\":\"hangup\"}");
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.json().get("message").asText()).contains("4930555999 already has an inbound route");
        Response missing =
                admin.post("/api/v1/inbound-routes", "{\"did\":\"4930555998\",\"destination\":\"extension:999\"}");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().get("fields").get("destination").asText()).contains("there is no extension 999");
        Response group = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"651\",\"name\":\"Nobody\",\"members\":" + "[{\"destination\":\"extension:999\"}]}");
        assertThat(group.status()).as(group.toString()).isEqualTo(400);
        Response forward = admin.put("/api/v1/users/151/call-settings", "{\"forwardNoAnswer\":\"extension:999\"}");
        assertThat(forward.status()).as(forward.toString()).isEqualTo(400);
        assertThat(admin.get("/api/v1/inbound-routes/4930555999")
                        .json()
                        .get("destination")
                        .asText())
                .isEqualTo("extension:151");
    }

    /**
     * Defect 2: one destination picker everywhere lists what exists by number and name, time conditions included
     * (before: inbound routes, forwarding and fallbacks could not name a time condition at all; IVR keys and time
     * conditions took raw "extension:201" text). A person picks from the list or finds a colleague by typing part of the
     * name, and types an external number.
     */
    @Test
    void oneDestinationPickerListsWhatExistsByNumberAndNameTimeConditionsIncluded(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("171", "Greta Picker", "sip-secret-171", null))
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/users", user("172", "Hugo Lister", "sip-secret-172", null))
                        .status())
                .isEqualTo(201);
        Response shop = admin.post(
                "/api/v1/time-conditions",
                "{\"name\":\"shop\",\"weekly\":[{\"day\":\"monday\","
                        + "\"opens\":\"08:00\",\"closes\":\"17:00\"}],\"open\":\"extension:171\",\"closed\":\"voicemail:171\"}");
        assertThat(shop.status()).as(shop.toString()).isEqualTo(201);
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.awaitPath("/");

            // an inbound route to a time condition, picked from the list
            browser.open("/inbound-routes");
            browser.fill("inbound-did", "4930555171");
            browser.choose("inbound-destination-type", "Time condition");
            assertThat(browser.offered("inbound-destination-value")).contains(SHOP);
            browser.pick("inbound-destination-value", "", SHOP);
            browser.click("add-inbound-route");
            browser.awaitText("inbound-routes", "Time condition shop");
            assertThat(admin.get("/api/v1/inbound-routes/4930555171")
                            .json()
                            .get("destination")
                            .asText())
                    .isEqualTo("time:shop");

            // forwarding: users listed by number and name, found by part of the name; an external number typed
            browser.open("/user-routing/171");
            browser.choose("cs-forward-busy-type", "Extension");
            assertThat(browser.offered("cs-forward-busy-value")).contains("171 · Greta Picker", "172 · Hugo Lister");
            browser.pick("cs-forward-busy-value", "hugo", "172 · Hugo Lister");
            browser.choose("cs-forward-no-answer-type", "Time condition");
            browser.pick("cs-forward-no-answer-value", "", SHOP);
            browser.choose("cs-forward-always-type", "External number");
            browser.fill("cs-forward-always-value", "+4917012345");
            browser.click("save-call-settings");
            browser.until(
                    () -> "external:+4917012345"
                            .equals(admin.get("/api/v1/users/171/call-settings")
                                    .json()
                                    .path("forwardAlways")
                                    .asText()),
                    "the forwarding saved");
            var settings = admin.get("/api/v1/users/171/call-settings").json();
            assertThat(settings.path("forwardBusy").asText()).isEqualTo("extension:172");
            assertThat(settings.path("forwardNoAnswer").asText()).isEqualTo("time:shop");

            // an IVR key and a time condition's destinations: the same picker, not raw text
            browser.open("/ivr-menus");
            browser.click("add-ivr-menu");
            browser.fill("ivr-name", "picker");
            browser.fill("ivr-greeting", "ivr-welcome");
            browser.choose("ivr-key-1-type", "Time condition");
            browser.pick("ivr-key-1-value", "", SHOP);
            browser.pick("ivr-key-2-value", "greta", "171 · Greta Picker");
            browser.click("save-ivr-menu");
            browser.until(() -> admin.get("/api/v1/ivr-menus/picker").status() == 200, "the menu saved");
            var options = admin.get("/api/v1/ivr-menus/picker").json().get("options");
            assertThat(options.get("1").asText()).isEqualTo("time:shop");
            assertThat(options.get("2").asText()).isEqualTo("extension:171");
            DeletionPagesIT.screenshot(browser, work, "ivr-destination-picker");

            browser.open("/time-conditions");
            browser.clickCell("time-conditions", "shop");
            browser.choose("tc-closed-type", "Voicemail box");
            browser.pick("tc-closed-value", "hugo", "172 · Hugo Lister");
            browser.click("save-time-condition");
            browser.until(
                    () -> "voicemail:172"
                            .equals(admin.get("/api/v1/time-conditions/shop")
                                    .json()
                                    .path("closed")
                                    .asText()),
                    "the closed destination saved");
        }
    }

    /**
     * Issue 17, defect 11: the lists of IVR menus, time conditions, ring groups, queues and inbound routes showed the
     * API's text form ({@code extension:173}, {@code time:paula-hours}); now each destination reads as the picker
     * lists it, by type, number and name.
     */
    @Test
    void everyListShowsDestinationsInThePickersWordsNotTheirTextForm(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("173", "Paula Nordmann", "sip-secret-173", null))
                        .status())
                .isEqualTo(201);
        Response group = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"652\",\"name\":\"Paula's desk\","
                        + "\"members\":[{\"destination\":\"extension:173\"}],\"fallback\":\"voicemail:173\"}");
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        Response hours = admin.post(
                "/api/v1/time-conditions",
                "{\"name\":\"paula-hours\",\"weekly\":[{\"day\":"
                        + "\"monday\",\"opens\":\"08:00\",\"closes\":\"17:00\"}],\"open\":\"ringgroup:652\","
                        + "\"closed\":\"hangup\"}");
        assertThat(hours.status()).as(hours.toString()).isEqualTo(201);
        Response queue = admin.post(
                "/api/v1/queues",
                "{\"number\":\"753\",\"name\":\"Paula's line\","
                        + "\"members\":[\"173\"],\"fallback\":\"time:paula-hours\",\"leaveKey\":\"0\","
                        + "\"leaveDestination\":\"external:+4930999173\"}");
        assertThat(queue.status()).as(queue.toString()).isEqualTo(201);
        Response menu = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"paula\",\"greetingPrompt\":\"ivr-welcome\","
                        + "\"options\":{\"1\":\"queue:753\",\"2\":\"extension:173\"},\"fallback\":\"time:paula-hours\"}");
        assertThat(menu.status()).as(menu.toString()).isEqualTo(201);
        assertThat(admin.put("/api/v1/inbound-routes/4930555173", "{\"destination\":\"ivr:paula\"}")
                        .status())
                .isEqualTo(200);
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/ring-groups", "admin", ADMIN_PASSWORD);
            browser.awaitText("ring-groups", "Paula's desk");
            assertThat(browser.text("ring-groups"))
                    .contains("Extension 173 · Paula Nordmann")
                    .contains("Voicemail box 173 · Paula Nordmann")
                    .doesNotContain("extension:173")
                    .doesNotContain("voicemail:173");

            browser.open("/time-conditions");
            browser.awaitText("time-conditions", "paula-hours");
            assertThat(browser.text("time-conditions"))
                    .contains("Ring group 652 · Paula's desk")
                    .contains("Hang up")
                    .doesNotContain("ringgroup:652")
                    .doesNotContain("hangup");

            browser.open("/queues");
            browser.awaitText("queues", "Paula's line");
            assertThat(browser.text("queues"))
                    .contains("Time condition paula-hours")
                    .contains("0 → External number +4930999173")
                    .doesNotContain("time:paula-hours")
                    .doesNotContain("external:");

            browser.open("/ivr-menus");
            browser.awaitText("ivr-menus", "paula");
            assertThat(browser.text("ivr-menus"))
                    .contains("1 → Queue 753 · Paula's line")
                    .contains("2 → Extension 173 · Paula Nordmann")
                    .contains("Time condition paula-hours")
                    .doesNotContain("queue:753")
                    .doesNotContain("time:paula-hours");

            browser.open("/inbound-routes");
            browser.awaitText("inbound-routes", "4930555173");
            assertThat(browser.text("inbound-routes"))
                    .contains("IVR menu paula")
                    .doesNotContain("ivr:paula");
            DeletionPagesIT.screenshot(browser, work, "inbound-routes-in-words");
        }
    }

    /**
     * Defect 2, the rest of it: a queue's agents, a paging group's members, the user a blocked number is blocked for
     * and the subject of a recording rule (a user, queue, DID or trunk) are picked from what exists, by number and
     * name (before: typed from memory into a text field). The API takes the same values as before.
     */
    @Test
    void agentsMembersBlockedForAndRecordingSubjectsArePickedFromWhatExists(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("181", "Olga Agent", "sip-secret-181", null))
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/users", user("182", "Paul Pager", "sip-secret-182", null))
                        .status())
                .isEqualTo(201);
        assertThat(admin.put("/api/v1/inbound-routes/4930555181", "{\"destination\":\"extension:181\"}")
                        .status())
                .isEqualTo(200);
        Response trunk = admin.post(
                "/api/v1/trunks",
                "{\"id\":\"t181\",\"host\":\"127.0.0.1\",\"username\":"
                        + "\"acct\",\"password\":\"pw-secret-1\",\"callerId\":\"+4930555000\"}");
        assertThat(trunk.status()).as(trunk.toString()).isEqualTo(201);
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/queues", "admin", ADMIN_PASSWORD);
            browser.click("add-queue");
            browser.fill("q-number", "785");
            browser.fill("q-name", "Pickers");
            browser.pickAlso("q-members", "paul", "182 · Paul Pager");
            browser.pickAlso("q-members", "181", "181 · Olga Agent");
            DeletionPagesIT.screenshot(browser, work, "queue-agents-picker");
            browser.click("save-queue");
            browser.until(() -> admin.get("/api/v1/queues/785").status() == 200, "the queue saved");
            assertThat(admin.get("/api/v1/queues/785").json().get("members").toString())
                    .as("in the order chosen")
                    .isEqualTo("[\"182\",\"181\"]");

            browser.open("/paging-groups");
            browser.click("add-paging-group");
            browser.fill("pg-number", "786");
            browser.fill("pg-name", "Hall");
            browser.pickAlso("pg-members", "olga", "181 · Olga Agent");
            browser.click("save-paging-group");
            browser.until(() -> admin.get("/api/v1/paging-groups/786").status() == 200, "the group saved");
            assertThat(admin.get("/api/v1/paging-groups/786")
                            .json()
                            .get("members")
                            .toString())
                    .isEqualTo("[\"181\"]");

            browser.open("/blocklist");
            browser.fill("blocked-number", "+4930555186");
            assertThat(browser.offered("blocked-extension")).contains("181 · Olga Agent", "182 · Paul Pager");
            browser.pick("blocked-extension", "paul", "182 · Paul Pager");
            browser.click("add-blocked");
            browser.awaitText("blocklist", "+4930555186");
            assertThat(admin.get("/api/v1/blocklist").body())
                    .contains("\"number\":\"+4930555186\"")
                    .contains("\"extension\":\"182\"");

            browser.open("/recordings");
            assertThat(browser.offered("rule-subject")).contains("181 · Olga Agent", "182 · Paul Pager");
            // the scopes in words, not QUEUE, DID or TRUNK (issue 17, defect 11)
            assertThat(browser.offered("rule-scope"))
                    .containsExactly(
                            "A user's calls", "A queue's calls", "Calls to a number (DID)", "Calls through a trunk");
            browser.pick("rule-scope", "queue", "A queue's calls");
            browser.pick("rule-subject", "", "785 · Pickers");
            browser.click("rule-save");
            // the rule's subject as the picker shows it
            browser.awaitText("recording-rules", "785 · Pickers");
            browser.awaitText("recording-rules", "A queue's calls");
            browser.pick("rule-scope", "number", "Calls to a number (DID)");
            // every DID that has a route, no other (the shared page appliance has other classes' routes too)
            List<String> offeredDids = browser.offered("rule-subject");
            assertThat(offeredDids).contains("4930555181 · Extension 181 · Olga Agent");
            List<String> routedDids = new ArrayList<>();
            admin.get("/api/v1/inbound-routes")
                    .json()
                    .forEach(r -> routedDids.add(r.get("did").asText()));
            assertThat(offeredDids.stream().map(o -> o.substring(0, o.indexOf(" · "))))
                    .containsExactlyInAnyOrderElementsOf(routedDids);
            browser.pick("rule-scope", "trunk", "Calls through a trunk");
            browser.pick("rule-subject", "t1", "t181 · 127.0.0.1");
            browser.click("rule-save");
            browser.awaitText("recording-rules", "t181 · 127.0.0.1");
            browser.awaitText("recording-rules", "Calls through a trunk");
            assertThat(browser.text("recording-rules"))
                    .as("the rules in words, not their codes")
                    .doesNotContain("QUEUE", "TRUNK", "USER", "ALWAYS", "ON_DEMAND", "NEVER")
                    .doesNotContainPattern("(?<!\\()DID");
            String rules = admin.get("/api/v1/recording-rules").body();
            assertThat(rules)
                    .contains("{\"scope\":\"QUEUE\",\"subject\":\"785\"")
                    .contains("{\"scope\":\"TRUNK\",\"subject\":\"t181\"");
        }
    }
}
