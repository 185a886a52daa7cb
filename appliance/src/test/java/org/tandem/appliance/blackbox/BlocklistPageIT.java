package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Blocklist page in real headless Chromium against the built jar: bad input is shown next to its fields with
 * nothing saved, and what the browser blocks is what the API serves.
 */
class BlocklistPageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    private Browser browser;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser(tandem.process());
        browser.logInTo(
                "/about",
                TandemProcess.ADMIN_USER,
                tandem.process().adminPassword()); // not the dashboard: every test opens its page
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.close();
    }

    private void awaitFieldError(String fieldId, String expected) {
        browser.until(
                () -> browser.fieldError(fieldId) != null
                        && browser.fieldError(fieldId).contains(expected),
                "'" + expected + "' under #" + fieldId);
    }

    @Test
    void anAdminBlocksAPrefixAndBadInputIsShownAtItsFields() {
        tandem.api().createUser("431", "Front Desk", "Front-secret-431");
        // the appliance is shared with other classes (one of them blocks a number too): compared with what was there
        JsonNode before = tandem.api().send("GET", "/api/v1/blocklist", null).json();
        browser.open("/blocklist");
        browser.fill("blocked-number", "call me");
        browser.fill("blocked-extension", "499");
        browser.click("add-blocked");

        awaitFieldError("blocked-number", "digits");
        awaitFieldError("blocked-extension", "499");
        assertThat(browser.text("blocklist-form-error"))
                .as("every error at its field")
                .isEmpty();
        assertThat(tandem.api().send("GET", "/api/v1/blocklist", null).json())
                .as("nothing saved")
                .isEqualTo(before);

        browser.fill("blocked-number", "+4930555");
        browser.toggle("blocked-prefix");
        browser.fill("blocked-extension", "431");
        browser.fill("blocked-note", "sales calls");
        browser.click("add-blocked");

        browser.awaitText("blocklist", "+4930555");
        assertThat(browser.value("blocked-number"))
                .as("emptied for the next entry")
                .isEmpty();
        assertThat(browser.invalid("blocked-number"))
                .as("the earlier error gone")
                .isFalse();
        assertThat(browser.invalid("blocked-extension")).isFalse();
        java.util.List<JsonNode> added = new java.util.ArrayList<>();
        tandem.api().send("GET", "/api/v1/blocklist", null).json().forEach(e -> {
            if (!before.toString().contains(e.toString())) added.add(e);
        });
        assertThat(added).as("one entry added").hasSize(1);
        assertThat(added.get(0).get("number").asText()).isEqualTo("+4930555");
        assertThat(added.get(0).get("prefix").asBoolean()).isTrue();
        assertThat(added.get(0).get("extension").asText()).isEqualTo("431");
        assertThat(added.get(0).get("note").asText()).isEqualTo("sales calls");
    }

    @Test
    void anAdminChangesWhatABlockedCallerGets() {
        JsonNode before =
                tandem.api().send("GET", "/api/v1/blocklist/policy", null).json();
        try {
            browser.open("/blocklist");
            browser.pick("block-treatment", "603", "Hang up (603 Decline)");
            browser.click("save-block-policy");
            browser.until(
                    () -> tandem.api()
                            .send("GET", "/api/v1/blocklist/policy", null)
                            .json()
                            .get("treatment")
                            .asText()
                            .equals("DECLINE"),
                    "the treatment saved");
            assertThat(browser.text("blocklist-policy-error")).isEmpty();
        } finally {
            // the appliance is shared: what blocked callers get is put back
            tandem.api().send("PUT", "/api/v1/blocklist/policy", before.toString());
        }
    }
}
