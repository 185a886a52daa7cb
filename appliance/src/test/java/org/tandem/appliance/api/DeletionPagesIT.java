package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * Issue 17, defect 1, in headless Chromium against the Spring-started appliance: every delete asks first, in a
 * dialog that says what else uses the thing; a user or a ring group that an IVR key, a ring group, a forwarding or an
 * inbound route still sends calls to is not deleted (the dialog names each use, and the REST API answers 409 with
 * the same list), so no configuration is left pointing at nothing. Something unused is deleted once confirmed.
 */
class DeletionPagesIT extends ApiTestBase {

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @Test
    void aUserStillUsedIsNotDeletedAndTheDialogAndTheApiNameEveryUse(@TempDir Path work) throws Exception {
        for (String ext : new String[] {"103", "104", "105"}) {
            assertThat(admin.post("/api/v1/users", user(ext, "User " + ext, "sip-secret-" + ext, null)).status())
                    .isEqualTo(201);
        }
        assertThat(admin.post("/api/v1/ivr-menus", "{\"name\":\"main\",\"greetingPrompt\":\"ivr-welcome\","
                + "\"options\":{\"1\":\"extension:103\"}}").status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/ring-groups", "{\"number\":\"600\",\"name\":\"Sales\",\"members\":"
                + "[{\"destination\":\"extension:103\"}]}").status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/users/104/call-settings", "{\"forwardBusy\":\"voicemail:103\"}").status())
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/inbound-routes/4930555600", "{\"destination\":\"ringgroup:600\"}").status())
                .isEqualTo(200);

        try (Browser browser = new Browser(URI.create("http://127.0.0.1:" + port),
                Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/users", "admin", ADMIN_PASSWORD);
            browser.clickCell("users", "User 103");
            browser.click("delete-user");
            // (the dialog's content lives in its overlay: found by the ids of its parts)
            browser.awaitText("confirm-delete-text", "User 103 is still used by");
            String users = browser.text("confirm-delete-users");
            assertThat(users).contains("IVR menu main (key 1)").contains("ring group 600 Sales (member)")
                    .contains("forwarding of 104 (when busy)");
            assertThat(browser.present(By.id("confirm-delete-ok"))).as("no way to delete it anyway").isFalse();
            screenshot(browser, work, "delete-user-in-use");
            browser.click("confirm-delete-cancel");
            assertThat(directory.exists("103")).isTrue();

            browser.open("/ring-groups");
            browser.clickCell("ring-groups", "Sales");
            browser.click("delete-ring-group");
            browser.awaitText("confirm-delete-users", "inbound route 4930555600");
            browser.click("confirm-delete-cancel");

            browser.open("/users");
            browser.clickCell("users", "User 105");
            browser.click("delete-user");
            browser.awaitText("confirm-delete-text", "Nothing else uses user 105");
            assertThat(directory.exists("105")).as("asked, not yet deleted").isTrue();
            browser.click("confirm-delete-ok");
            browser.until(() -> !directory.exists("105"), "user 105 deleted once confirmed");
        }

        Response refused = admin.delete("/api/v1/users/103");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("IVR menu main (key 1)")
                .contains("ring group 600 Sales (member)").contains("forwarding of 104 (when busy)");
        Response group = admin.delete("/api/v1/ring-groups/600");
        assertThat(group.status()).as(group.toString()).isEqualTo(409);
        assertThat(group.json().get("message").asText()).contains("inbound route 4930555600");
        assertThat(directory.exists("103")).isTrue();
    }

    static void screenshot(Browser browser, Path work, String name) throws java.io.IOException {
        browser.screenshot(work.resolve(name + ".png"));
        Files.createDirectories(Path.of("target", "screens"));
        Files.copy(work.resolve(name + ".png"), Path.of("target", "screens", name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
