package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.media.Wav;
import org.tandem.media.relay.RecordedAudio;
import org.tandem.pbx.anchor.CallRecorder.Involved;
import org.tandem.pbx.recording.CallRecordings;

/**
 * Issue 17, defect 1, in headless Chromium against the Spring-started appliance: every delete asks first, in a
 * dialog that says what else uses the thing; a user or a ring group that an IVR key, a ring group, a forwarding or an
 * inbound route still sends calls to is not deleted (the dialog names each use, and the REST API answers 409 with
 * the same list), so no configuration is left pointing at nothing. Something unused is deleted once confirmed.
 */
@PagesAppliance
class DeletionPagesIT extends ApiTestBase {

    @Autowired
    CallRecordings recordings;

    @Autowired
    org.tandem.pbx.directory.WebPasswords webPasswords;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @Test
    void aUserStillUsedIsNotDeletedAndTheDialogAndTheApiNameEveryUse(@TempDir Path work) throws Exception {
        for (String ext : new String[] {"2103", "2104", "2105"}) {
            assertThat(admin.post("/api/v1/users", user(ext, "User " + ext, "sip-secret-" + ext, null))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(admin.post(
                                "/api/v1/ivr-menus",
                                "{\"name\":\"deskmenu\",\"greetingPrompt\":\"ivr-welcome\","
                                        + "\"options\":{\"1\":\"extension:2103\"}}")
                        .status())
                .isEqualTo(201);
        assertThat(admin.post(
                                "/api/v1/ring-groups",
                                "{\"number\":\"2600\",\"name\":\"Sales\",\"members\":"
                                        + "[{\"destination\":\"extension:2103\"}]}")
                        .status())
                .isEqualTo(201);
        assertThat(admin.put("/api/v1/users/2104/call-settings", "{\"forwardBusy\":\"voicemail:2103\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/inbound-routes/49305552600", "{\"destination\":\"ringgroup:2600\"}")
                        .status())
                .isEqualTo(200);

        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/users", "admin", ADMIN_PASSWORD);
            browser.clickCell("users", "User 2103");
            browser.click("delete-user");
            // (the dialog's content lives in its overlay: found by the ids of its parts)
            browser.awaitText("confirm-delete-text", "User 2103 is still used by");
            String users = browser.text("confirm-delete-users");
            assertThat(users)
                    .contains("IVR menu deskmenu (key 1)")
                    .contains("ring group 2600 Sales (member)")
                    .contains("forwarding of 2104 (when busy)");
            assertThat(browser.present(By.id("confirm-delete-ok")))
                    .as("no way to delete it anyway")
                    .isFalse();
            screenshot(browser, work, "delete-user-in-use");
            browser.click("confirm-delete-cancel");
            assertThat(directory.exists("2103")).isTrue();

            browser.open("/ring-groups");
            browser.clickCell("ring-groups", "Sales");
            browser.click("delete-ring-group");
            browser.awaitText("confirm-delete-users", "inbound route 49305552600");
            browser.click("confirm-delete-cancel");

            browser.open("/users");
            browser.clickCell("users", "User 2105");
            browser.click("delete-user");
            browser.awaitText("confirm-delete-text", "Nothing else uses user 2105");
            assertThat(directory.exists("2105")).as("asked, not yet deleted").isTrue();
            browser.click("confirm-delete-ok");
            browser.until(() -> !directory.exists("2105"), "user 2105 deleted once confirmed");
        }

        Response refused = admin.delete("/api/v1/users/2103");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("message").asText())
                .contains("IVR menu deskmenu (key 1)")
                .contains("ring group 2600 Sales (member)")
                .contains("forwarding of 2104 (when busy)");
        Response group = admin.delete("/api/v1/ring-groups/2600");
        assertThat(group.status()).as(group.toString()).isEqualTo(409);
        assertThat(group.json().get("message").asText()).contains("inbound route 49305552600");
        assertThat(directory.exists("2103")).isTrue();
    }

    /** The delete dialogs of a phone, an inbound route and a trunk: Cancel keeps it, Delete removes it. */
    @Test
    void aPhoneAnInboundRouteAndATrunkAreDeletedOnlyOnceConfirmed(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("2181", "Ida Phone", "sip-secret-2181", null))
                        .status())
                .isEqualTo(201);
        Response phone = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"00:15:65:21:81:01\",\"vendor\":\"yealink\","
                        + "\"model\":\"SIP-T46S\",\"lines\":[\"2181\"]}");
        assertThat(phone.status()).as(phone.toString()).isEqualTo(201);
        assertThat(admin.put("/api/v1/inbound-routes/49305552181", "{\"destination\":\"extension:2181\"}")
                        .status())
                .isEqualTo(200);
        for (String trunk : new String[] {"t2181", "t2182"}) {
            Response t = admin.post(
                    "/api/v1/trunks",
                    "{\"id\":\"" + trunk + "\",\"host\":\"127.0.0.1\","
                            + "\"username\":\"acct\",\"password\":\"pw-secret-1\",\"callerId\":\"+4930555000\"}");
            assertThat(t.status()).as(t.toString()).isEqualTo(201);
        }
        Response route = admin.post(
                "/api/v1/outbound-routes",
                "{\"id\":\"r2181\",\"patterns\":[\"8|NXXXXXX\"]," + "\"trunks\":[\"t2181\"],\"permission\":\"local\"}");
        assertThat(route.status()).as(route.toString()).isEqualTo(201);

        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/phone/001565218101", "admin", ADMIN_PASSWORD);
            browser.click("delete-phone");
            browser.awaitText("confirm-delete-text", "Nothing else uses phone 001565218101");
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/devices/001565218101").status())
                    .as("kept")
                    .isEqualTo(200);
            browser.click("delete-phone");
            browser.click("confirm-delete-ok");
            browser.until(() -> admin.get("/api/v1/devices/001565218101").status() == 404, "the phone deleted");

            browser.open("/inbound-routes");
            browser.click("delete-inbound-49305552181");
            browser.awaitText("confirm-delete-text", "Nothing else uses inbound route 49305552181");
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/inbound-routes/49305552181").status())
                    .as("kept")
                    .isEqualTo(200);
            browser.click("delete-inbound-49305552181");
            browser.click("confirm-delete-ok");
            browser.until(() -> admin.get("/api/v1/inbound-routes/49305552181").status() == 404, "the route deleted");

            // a trunk an outbound route goes out through: the dialog names the route and offers no Delete
            browser.open("/trunks");
            browser.clickCell("trunks", "t2181");
            browser.click("delete-trunk");
            browser.awaitText("confirm-delete-text", "Trunk t2181 is still used by");
            assertThat(browser.text("confirm-delete-users")).contains("outbound route r2181");
            assertThat(browser.present(By.id("confirm-delete-ok")))
                    .as("no way to delete it anyway")
                    .isFalse();
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/trunks/t2181").status()).as("kept").isEqualTo(200);
            browser.click("trunk-close");

            browser.clickCell("trunks", "t2182");
            browser.click("delete-trunk");
            browser.awaitText("confirm-delete-text", "Nothing else uses trunk t2182");
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/trunks/t2182").status()).as("kept").isEqualTo(200);
            browser.click("delete-trunk");
            browser.click("confirm-delete-ok");
            browser.until(() -> admin.get("/api/v1/trunks/t2182").status() == 404, "the trunk deleted");
        }
    }

    /**
     * Blocklist entries (the admin's and a user's own in the portal), recordings, recording rules and the admin's own
     * prompts asked before deleting too (before: gone at the first click); a prompt an IVR menu still plays is refused.
     */
    @Test
    void blocklistEntriesRecordingsRulesAndPromptsAskBeforeTheyAreDeleted(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("183", "Rita Rule", "sip-secret-183", null))
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/users", user("184", "Rolf Recorded", "sip-secret-184", null))
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/users", user("185", "Bea Blocker", "sip-secret-185", null))
                        .status())
                .isEqualTo(201);
        webPasswords.set("185", "bea-portal-pw");
        long blocked = admin.post("/api/v1/blocklist", "{\"number\":\"+4930555183\",\"note\":\"spam\"}")
                .json()
                .get("id")
                .asLong();
        long own = admin.post("/api/v1/blocklist", "{\"number\":\"+4930555185\",\"extension\":\"185\"}")
                .json()
                .get("id")
                .asLong();
        assertThat(admin.put("/api/v1/recording-rules/USER/183", "{\"mode\":\"ALWAYS\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/recording-rules/USER/184", "{\"mode\":\"ALWAYS\"}")
                        .status())
                .isEqualTo(200);
        Involved call = new Involved("184", List.of("183"), null, null);
        Path file = recordings.recordTo("del-call-184", call);
        Files.createDirectories(file.getParent());
        Files.write(file, Wav.bytes(new short[12600]));
        recordings.recorded("del-call-184", call, Instant.now(), new RecordedAudio(file, 800, 0, 0));
        long recording = admin.get("/api/v1/recordings?extension=184")
                .json()
                .get(0)
                .get("id")
                .asLong();
        for (String prompt : new String[] {"del-own-183", "del-used-183"}) {
            Response up = admin.sendBytes("PUT", "/api/v1/prompts/" + prompt, Wav.bytes(new short[8000]), "audio/wav");
            assertThat(up.status()).as(up.toString()).isBetween(200, 201);
        }
        assertThat(admin.post(
                                "/api/v1/ivr-menus",
                                "{\"name\":\"m183\",\"greetingPrompt\":\"del-used-183\","
                                        + "\"options\":{\"1\":\"extension:183\"}}")
                        .status())
                .isEqualTo(201);

        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/blocklist", "admin", ADMIN_PASSWORD);
            browser.click("delete-blocked-" + blocked);
            browser.awaitText("confirm-delete-text", "Nothing else uses blocklist entry +4930555183 (for everyone)");
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/blocklist").body()).as("kept").contains("+4930555183");
            browser.click("delete-blocked-" + blocked);
            browser.click("confirm-delete-ok");
            browser.until(() -> !admin.get("/api/v1/blocklist").body().contains("+4930555183"), "the entry deleted");

            browser.open("/recordings");
            browser.click("delete-rule-USER-183");
            browser.awaitText("confirm-delete-text", "Nothing else uses recording rule for user 183 · Rita Rule");
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/recording-rules").body()).as("kept").contains("\"183\"");
            browser.click("delete-rule-USER-183");
            browser.click("confirm-delete-ok");
            browser.until(() -> !admin.get("/api/v1/recording-rules").body().contains("\"183\""), "the rule deleted");

            browser.click("delete-recording-" + recording);
            browser.awaitText("confirm-delete-text", ", 184 to 183");
            DeletionPagesIT.screenshot(browser, work, "delete-recording");
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/recordings?extension=184").json())
                    .as("kept")
                    .hasSize(1);
            browser.click("delete-recording-" + recording);
            browser.click("confirm-delete-ok");
            browser.until(
                    () -> admin.get("/api/v1/recordings?extension=184").json().isEmpty(), "the recording deleted");

            browser.open("/prompts");
            browser.click("remove-del-used-183");
            browser.awaitText("confirm-delete-text", "Prompt del-used-183 (English) is still used by");
            assertThat(browser.text("confirm-delete-users")).contains("IVR menu m183 (greeting)");
            assertThat(browser.present(By.id("confirm-delete-ok")))
                    .as("no way to delete it anyway")
                    .isFalse();
            browser.click("confirm-delete-cancel");
            browser.click("remove-del-own-183");
            browser.awaitText("confirm-delete-text", "Nothing else uses prompt del-own-183 (English)");
            browser.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/prompts/del-own-183").status())
                    .as("kept")
                    .isEqualTo(200);
            browser.click("remove-del-own-183");
            browser.click("confirm-delete-ok");
            browser.until(() -> admin.get("/api/v1/prompts/del-own-183").status() == 404, "the prompt removed");
            assertThat(admin.get("/api/v1/prompts/del-used-183").status()).isEqualTo(200);
        }

        try (Browser bea =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("portal")))) {
            bea.logIn("185", "bea-portal-pw");
            bea.awaitPath("/me");
            bea.click("portal-blocklist-tab");
            bea.click("unblock-" + own);
            bea.awaitText("confirm-delete-text", "+4930555185");
            bea.click("confirm-delete-cancel");
            assertThat(admin.get("/api/v1/blocklist").body()).as("kept").contains("+4930555185");
            bea.click("unblock-" + own);
            bea.click("confirm-delete-ok");
            bea.until(() -> !admin.get("/api/v1/blocklist").body().contains("+4930555185"), "unblocked");
        }
    }

    static void screenshot(Browser browser, Path work, String name) throws java.io.IOException {
        browser.screenshot(work.resolve(name + ".png"));
        Files.createDirectories(Path.of("target", "screens"));
        Files.copy(
                work.resolve(name + ".png"),
                Path.of("target", "screens", name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
