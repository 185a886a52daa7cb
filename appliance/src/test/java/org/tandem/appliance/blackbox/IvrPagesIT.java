package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.TandemApi.Reply;

/**
 * The IVR, time condition, conference room and park pages in real headless Chromium against the built jar:
 * what the browser saves is what the API serves, and a bad value is shown next to its field with nothing saved.
 */
class IvrPagesIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();

    /** One Chromium for the class, {@link Browser#reset() reset} after each test to what a new one would be. */
    private static Browser browser;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void openBrowser() {
        if (browser == null) browser = new Browser(tandem.process());
        browser.logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browser.awaitPath("/");
    }

    @AfterEach
    void resetBrowser() {
        if (browser == null) return;
        try {
            browser.reset();
        } catch (RuntimeException e) {
            closeBrowser(); // the next test starts a new one
            throw e;
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.close();
        browser = null;
    }

    /** Screenshots of the pages (copied to docs/ for the README). */
    static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }

    /**
     * Waits for the field's error text: the field may be marked invalid a moment before its message arrives
     * (seen under load), so the message itself is awaited.
     */
    private void awaitFieldError(String fieldId, String expected) {
        browser.until(() -> browser.fieldError(fieldId) != null && browser.fieldError(fieldId).contains(expected),
                "'" + expected + "' under #" + fieldId);
    }

    @Test
    void anAdminCreatesAnIvrMenuAndABadDestinationIsShownAtItsKey() {
        tandem.api().createUser("401", "Sales Desk", "Sales-secret-401");
        tandem.api().createUser("402", "Support Desk", "Support-secret-402");
        browser.open("/ivr-menus");
        browser.click("add-ivr-menu");
        browser.fill("ivr-name", "main");
        browser.fill("ivr-greeting", "ivr-welcome");
        browser.fill("ivr-key-1", "extension:401");
        browser.fill("ivr-key-2", "extension:499");
        browser.fill("ivr-key-hash", "somewhere");
        browser.fill("ivr-fallback", "extension:402");
        browser.click("save-ivr-menu");

        awaitFieldError("ivr-key-2", "there is no extension 499");
        awaitFieldError("ivr-key-hash", "extension:201");
        assertThat(tandem.api().send("GET", "/api/v1/ivr-menus/main", null).status()).as("nothing saved").isEqualTo(404);
        browser.screenshot(screenshot("ivr-menu-bad-value"));

        browser.fill("ivr-key-2", "extension:402");
        browser.fill("ivr-key-hash", "voicemail:401");
        browser.toggle("ivr-dial-by-extension");
        browser.click("save-ivr-menu");

        browser.awaitText("ivr-menus", "extension:402");
        Reply menu = tandem.api().send("GET", "/api/v1/ivr-menus/main", null);
        assertThat(menu.status()).isEqualTo(200);
        JsonNode m = menu.json();
        assertThat(m.get("greetingPrompt").asText()).isEqualTo("ivr-welcome");
        assertThat(m.get("options").get("1").asText()).isEqualTo("extension:401");
        assertThat(m.get("options").get("2").asText()).isEqualTo("extension:402");
        assertThat(m.get("options").get("#").asText()).isEqualTo("voicemail:401");
        assertThat(m.get("dialByExtension").asBoolean()).isTrue();
        assertThat(m.get("fallback").asText()).isEqualTo("extension:402");
        browser.screenshot(screenshot("ivr-menus"));
    }

    @Test
    void anAdminCreatesATimeConditionAndABadRangeIsShownAtItsDay() {
        tandem.api().createUser("411", "Reception", "Reception-secret-411");
        browser.open("/time-conditions");
        browser.click("add-time-condition");
        browser.fill("tc-name", "office");
        browser.fill("tc-zone", "Europe/Berlin");
        browser.fill("tc-monday", "08:00-12:00, 13:00-17:00");
        browser.fill("tc-tuesday", "08:00-25:00");
        browser.fill("tc-holidays", "2026-12-24..2026-12-26 Christmas; 2027-01-01 New Year");
        browser.fill("tc-open", "extension:411");
        browser.fill("tc-closed", "voicemail:411");
        browser.click("save-time-condition");

        awaitFieldError("tc-tuesday", "must be a time HH:MM");
        assertThat(tandem.api().send("GET", "/api/v1/time-conditions/office", null).status()).isEqualTo(404);
        browser.screenshot(screenshot("time-condition-bad-value"));

        browser.fill("tc-tuesday", "08:00-17:00");
        browser.click("save-time-condition");

        browser.awaitText("time-conditions", "voicemail:411");
        JsonNode c = tandem.api().send("GET", "/api/v1/time-conditions/office", null).json();
        assertThat(c.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(c.get("weekly")).hasSize(3);
        assertThat(c.get("weekly").get(1).get("day").asText()).isEqualTo("MONDAY");
        assertThat(c.get("weekly").get(1).get("opens").asText()).isEqualTo("13:00");
        assertThat(c.get("weekly").get(2).get("day").asText()).isEqualTo("TUESDAY");
        assertThat(c.get("holidays").get(0).get("to").asText()).isEqualTo("2026-12-26");
        assertThat(c.get("holidays").get(0).get("name").asText()).isEqualTo("Christmas");
        assertThat(c.get("holidays").get(1).get("from").asText()).isEqualTo("2027-01-01");
        assertThat(c.get("open").asText()).isEqualTo("extension:411");
        browser.screenshot(screenshot("time-conditions"));
    }

    @Test
    void anAdminCreatesAConferenceRoomAndSetsUpPark() {
        tandem.api().createUser("705", "Orbit Squatter", "Squatter-secret-705");
        browser.open("/conference-rooms");
        browser.click("add-conference-room");
        browser.fill("room-number", "800");
        browser.fill("room-name", "Board room");
        browser.fill("room-pin", "12");
        browser.click("save-conference-room");
        awaitFieldError("room-pin", "4 to 12 digits");

        browser.fill("room-pin", "4711");
        browser.toggle("room-record");
        browser.click("save-conference-room");
        browser.awaitText("conference-rooms", "Board room");
        JsonNode room = tandem.api().send("GET", "/api/v1/conference-rooms/800", null).json();
        assertThat(room.get("hasPin").asBoolean()).isTrue();
        assertThat(room.get("record").asBoolean()).isTrue();
        browser.screenshot(screenshot("conference-rooms"));

        browser.open("/park");
        browser.fill("park-first-orbit", "701");
        browser.fill("park-last-orbit", "709");
        browser.click("save-park");
        awaitFieldError("park-last-orbit", "Orbit 705 is already extension 705");
        // issue 17, defect 11: messages in words, naming the right thing (not "firstOrbit", not "the same code as PARK")
        browser.fill("park-first-orbit", "711");
        browser.fill("park-last-orbit", "7190");
        browser.click("save-park");
        awaitFieldError("park-last-orbit", "must have as many digits as the first orbit");
        browser.fill("park-last-orbit", "719");
        browser.fill("park-code", "*97");
        browser.click("save-park");
        awaitFieldError("park-code", "is the same code as own voicemail");

        browser.fill("park-first-orbit", "711");
        browser.fill("park-last-orbit", "719");
        browser.fill("park-code", "*77");
        browser.click("save-park");
        browser.until(() -> "711".equals(tandem.api().send("GET", "/api/v1/park", null).json().path("firstOrbit").asText()),
                "the park settings saved");
        JsonNode park = tandem.api().send("GET", "/api/v1/park", null).json();
        assertThat(park.get("lastOrbit").asText()).isEqualTo("719");
        assertThat(park.get("featureCode").asText()).isEqualTo("*77");
        browser.screenshot(screenshot("park"));
    }
}
