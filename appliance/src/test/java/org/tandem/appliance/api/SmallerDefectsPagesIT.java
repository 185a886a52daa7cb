package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.appliance.blackbox.Browser;

/**
 * Issue 17, the smaller defects (item 12), in headless Chromium against the Spring-started appliance: either Save of
 * the call-settings page keeps the edits of both its sections, and its ring time sits beside "when not answered"; an
 * empty Phones page says how phones find the appliance (DHCP option 66, the /prov/ address); an unknown page says so
 * in words and offers the way back, instead of Vaadin's bare "Could not navigate"; the setup wizard checks a new admin
 * password at its step's Next, not only at Finish.
 */
class SmallerDefectsPagesIT extends ApiTestBase {

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    /** The call-settings page's second Save dropped the first section's edits. */
    @Test
    void eitherSaveOfTheCallSettingsPageKeepsTheEditsOfBothSections(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("152", "Olga Both", "sip-secret-152", null)).status())
                .isEqualTo(201);
        try (Browser browser = new Browser(URI.create("http://127.0.0.1:" + port),
                Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.awaitPath("/");
            browser.open("/user-routing/152");
            browser.awaitText("user-routing-title", "Olga Both");
            // the ring time sits in the row of "when not answered", which it belongs to, not beside "when busy"
            // (one row: the same top within a few pixels of alignment; rows are some 80 px apart)
            assertThat(top(browser, "cs-no-answer-seconds")).isCloseTo(top(browser, "cs-forward-no-answer"), within(20L));
            assertThat(top(browser, "cs-busy-when")).isCloseTo(top(browser, "cs-forward-busy"), within(20L));
            browser.toggle("cs-dnd");
            browser.fill("out-caller-id", "+4930777");
            browser.click("save-outbound");
            browser.until(() -> "+4930777".equals(admin.get("/api/v1/users/152/outbound").json().path("callerId")
                    .asText()), "the outbound section saved");
            browser.until(() -> admin.get("/api/v1/users/152/call-settings").json().path("dnd").asBoolean(),
                    "the call handling section's DND saved too");
        }
    }

    private static long top(Browser browser, String id) {
        return Math.round(((Number) browser.script("return document.getElementById('" + id
                + "').getBoundingClientRect().top")).doubleValue());
    }

    @Test
    void anEmptyPhonesPageSaysHowPhonesFindTheAppliance(@TempDir Path work) throws Exception {
        try (Browser browser = new Browser(URI.create("http://127.0.0.1:" + port),
                Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.awaitPath("/");
            browser.open("/phones");
            browser.awaitText("phones-hint", "DHCP option 66");
            assertThat(browser.text("phones-hint")).contains("http://127.0.0.1:" + port + "/prov/");
        }
    }

    @Test
    void theWizardChecksTheNewAdminPasswordWithItsStepNotOnlyAtFinish(@TempDir Path work) throws Exception {
        try (Browser browser = new Browser(URI.create("http://127.0.0.1:" + port),
                Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.awaitPath("/");
            browser.open("/setup");
            browser.fill("setup-admin-password", "short");
            browser.click("setup-next");
            assertThat(browser.fieldError("setup-admin-password")).contains("at least");
            assertThat(browser.fieldError("setup-current-password")).contains("required");
            assertThat((Boolean) browser.script("return document.getElementById('setup-domain').offsetParent !== null"))
                    .as("still on the first step").isTrue();
        }
    }

    @Test
    void anUnknownPageSaysSoInWordsAndLeadsBack(@TempDir Path work) throws Exception {
        try (Browser browser = new Browser(URI.create("http://127.0.0.1:" + port),
                Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.awaitPath("/");
            browser.open("/no-such-page");
            browser.awaitText("page-not-found", "There is no page /no-such-page");
            assertThat(browser.pageText()).doesNotContain("Could not navigate");
            browser.click("page-not-found-home");
            browser.awaitPath("/");
            browser.byId("registrations");
        }
    }
}
