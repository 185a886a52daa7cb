package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
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
    static final TandemExtension tandem = TandemExtension.shared(); // numbers of its own; park settings put back after

    @RegisterExtension
    static final BrowserPerClass browsers = new BrowserPerClass(tandem);

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    /** The park settings before this class changed them (global: the next class on the shared appliance sees them). */
    private static JsonNode parkBefore;

    @BeforeAll
    static void rememberPark() {
        parkBefore = tandem.api().send("GET", "/api/v1/park", null).json();
    }

    @AfterAll
    static void putParkBack() {
        ObjectNode draft = JsonNodeFactory.instance.objectNode();
        for (String field :
                new String[] {"firstOrbit", "lastOrbit", "timeoutSeconds", "returnToParker", "featureCode"}) {
            draft.set(field, parkBefore.get(field));
        }
        Reply restored = tandem.api().send("PUT", "/api/v1/park", draft.toString());
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    }

    @BeforeEach
    void logIn() {
        browsers.get()
                .logInTo(
                        "/about",
                        TandemProcess.ADMIN_USER,
                        tandem.process().adminPassword()); // not the dashboard: every test opens its page
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
        browsers.get()
                .until(
                        () -> browsers.get().fieldError(fieldId) != null
                                && browsers.get().fieldError(fieldId).contains(expected),
                        "'" + expected + "' under #" + fieldId);
    }

    @Test
    void anAdminCreatesAnIvrMenuAndABadDestinationIsShownAtItsKey() {
        tandem.api().createUser("463", "Sales Desk", "Sales-secret-463");
        tandem.api().createUser("464", "Support Desk", "Support-secret-464");
        browsers.get().open("/ivr-menus");
        browsers.get().click("add-ivr-menu");
        browsers.get().fill("ivr-name", "main");
        browsers.get().fill("ivr-greeting", "ivr-welcome");
        browsers.get().fill("ivr-key-1", "extension:463");
        browsers.get().fill("ivr-key-2", "extension:499");
        browsers.get().fill("ivr-key-hash", "somewhere");
        browsers.get().fill("ivr-fallback", "extension:464");
        browsers.get().click("save-ivr-menu");

        awaitFieldError("ivr-key-2", "there is no extension 499");
        // the keys are destination pickers (issue 17, defect 2): a word typed for an extension is no extension
        awaitFieldError("ivr-key-hash", "there is no extension somewhere");
        assertThat(tandem.api().send("GET", "/api/v1/ivr-menus/main", null).status())
                .as("nothing saved")
                .isEqualTo(404);
        browsers.get().screenshot(screenshot("ivr-menu-bad-value"));

        // corrected as a person does with the picker: the type, then the number
        browsers.get().fill("ivr-key-2-value", "464");
        browsers.get().choose("ivr-key-hash-type", "Voicemail box");
        browsers.get().fill("ivr-key-hash-value", "463");
        browsers.get().toggle("ivr-dial-by-extension");
        browsers.get().click("save-ivr-menu");

        browsers.get().awaitText("ivr-menus", "Extension 464 · Support Desk"); // in words (issue 17, defect 11)
        Reply menu = tandem.api().send("GET", "/api/v1/ivr-menus/main", null);
        assertThat(menu.status()).isEqualTo(200);
        JsonNode m = menu.json();
        assertThat(m.get("greetingPrompt").asText()).isEqualTo("ivr-welcome");
        assertThat(m.get("options").get("1").asText()).isEqualTo("extension:463");
        assertThat(m.get("options").get("2").asText()).isEqualTo("extension:464");
        assertThat(m.get("options").get("#").asText()).isEqualTo("voicemail:463");
        assertThat(m.get("dialByExtension").asBoolean()).isTrue();
        assertThat(m.get("fallback").asText()).isEqualTo("extension:464");
        browsers.get().screenshot(screenshot("ivr-menus"));
    }

    @Test
    void anAdminCreatesATimeConditionAndABadRangeIsShownAtItsDay() {
        tandem.api().createUser("465", "Reception", "Reception-secret-465");
        browsers.get().open("/time-conditions");
        browsers.get().click("add-time-condition");
        browsers.get().fill("tc-name", "office");
        browsers.get().fill("tc-zone", "Europe/Berlin");
        browsers.get().fill("tc-monday", "08:00-12:00, 13:00-17:00");
        browsers.get().fill("tc-tuesday", "08:00-25:00");
        browsers.get().fill("tc-holidays", "2026-12-24..2026-12-26 Christmas; 2027-01-01 New Year");
        browsers.get().fill("tc-open", "extension:465");
        browsers.get().fill("tc-closed", "voicemail:465");
        browsers.get().click("save-time-condition");

        awaitFieldError("tc-tuesday", "must be a time HH:MM");
        assertThat(tandem.api()
                        .send("GET", "/api/v1/time-conditions/office", null)
                        .status())
                .isEqualTo(404);
        browsers.get().screenshot(screenshot("time-condition-bad-value"));

        browsers.get().fill("tc-tuesday", "08:00-17:00");
        browsers.get().click("save-time-condition");

        browsers.get().awaitText("time-conditions", "Voicemail box 465 · Reception"); // in words (issue 17)
        JsonNode c =
                tandem.api().send("GET", "/api/v1/time-conditions/office", null).json();
        assertThat(c.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(c.get("weekly")).hasSize(3);
        assertThat(c.get("weekly").get(1).get("day").asText()).isEqualTo("MONDAY");
        assertThat(c.get("weekly").get(1).get("opens").asText()).isEqualTo("13:00");
        assertThat(c.get("weekly").get(2).get("day").asText()).isEqualTo("TUESDAY");
        assertThat(c.get("holidays").get(0).get("to").asText()).isEqualTo("2026-12-26");
        assertThat(c.get("holidays").get(0).get("name").asText()).isEqualTo("Christmas");
        assertThat(c.get("holidays").get(1).get("from").asText()).isEqualTo("2027-01-01");
        assertThat(c.get("open").asText()).isEqualTo("extension:465");
        browsers.get().screenshot(screenshot("time-conditions"));
    }

    @Test
    void anAdminCreatesAConferenceRoomAndSetsUpPark() {
        tandem.api().createUser("705", "Orbit Squatter", "Squatter-secret-705");
        browsers.get().open("/conference-rooms");
        browsers.get().click("add-conference-room");
        browsers.get().fill("room-number", "800");
        browsers.get().fill("room-name", "Board room");
        browsers.get().fill("room-pin", "12");
        browsers.get().click("save-conference-room");
        awaitFieldError("room-pin", "4 to 12 digits");

        browsers.get().fill("room-pin", "4711");
        browsers.get().toggle("room-record");
        browsers.get().click("save-conference-room");
        browsers.get().awaitText("conference-rooms", "Board room");
        JsonNode room =
                tandem.api().send("GET", "/api/v1/conference-rooms/800", null).json();
        assertThat(room.get("hasPin").asBoolean()).isTrue();
        assertThat(room.get("record").asBoolean()).isTrue();
        browsers.get().screenshot(screenshot("conference-rooms"));

        JsonNode parkBefore = tandem.api().send("GET", "/api/v1/park", null).json();
        browsers.get().open("/park");
        browsers.get().fill("park-first-orbit", "701");
        browsers.get().fill("park-last-orbit", "709");
        browsers.get().click("save-park");
        awaitFieldError("park-last-orbit", "Orbit 705 is already extension 705");
        assertThat(tandem.api().send("GET", "/api/v1/park", null).json())
                .as("nothing saved")
                .isEqualTo(parkBefore);
        // issue 17, defect 11: messages in words, naming the right thing (not "firstOrbit", not "the same code as
        // PARK")
        browsers.get().fill("park-first-orbit", "711");
        browsers.get().fill("park-last-orbit", "7190");
        browsers.get().click("save-park");
        awaitFieldError("park-last-orbit", "must have as many digits as the first orbit");
        browsers.get().fill("park-last-orbit", "719");
        browsers.get().fill("park-code", "*97");
        browsers.get().click("save-park");
        awaitFieldError("park-code", "is the same code as own voicemail");

        browsers.get().fill("park-first-orbit", "711");
        browsers.get().fill("park-last-orbit", "719");
        browsers.get().fill("park-code", "*77");
        browsers.get().click("save-park");
        browsers.get()
                .until(
                        () -> "711"
                                .equals(tandem.api()
                                        .send("GET", "/api/v1/park", null)
                                        .json()
                                        .path("firstOrbit")
                                        .asText()),
                        "the park settings saved");
        JsonNode park = tandem.api().send("GET", "/api/v1/park", null).json();
        assertThat(park.get("lastOrbit").asText()).isEqualTo("719");
        assertThat(park.get("featureCode").asText()).isEqualTo("*77");
        browsers.get().screenshot(screenshot("park"));
    }
}
