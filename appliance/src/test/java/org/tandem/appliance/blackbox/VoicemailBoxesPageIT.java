package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Voicemail boxes page (issue 17: "the admin can reset a voicemail PIN and see mailboxes"), in Chromium: every
 * box with its user and PIN state; an admin gives a box a new PIN — a bad one is refused at the field with nothing
 * changed, a generated one is taken — and the API sees it.
 */
class VoicemailBoxesPageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    @Test
    void anAdminSeesTheBoxesAndGivesOneANewPin() {
        tandem.api().createUser("481", "Sara Box", "Sara-secret-481");
        tandem.api().createUser("482", "Timo Box", "Timo-secret-482");
        assertThat(pinSet("481")).isFalse();

        browser = browsers.signedIn("/voicemail-boxes");
        browser.awaitText("voicemail-boxes", "Sara Box");
        browser.awaitText("voicemail-boxes", "Timo Box");
        browser.awaitText("voicemail-boxes", "none (the box asks none)");

        browser.clickCell("voicemail-boxes", "481");
        browser.fill("voicemail-pin", "12");
        browser.click("save-voicemail-pin");
        assertThat(browser.fieldError("voicemail-pin")).contains("4 to 10 digits");
        assertThat(pinSet("481")).as("nothing changed").isFalse();
        assertThat(browser.text("voicemail-pin-error"))
                .as("the error at its field only")
                .isEmpty();

        browser.click("generate-voicemail-pin");
        browser.until(
                () -> String.valueOf(browser.script("return document.getElementById('voicemail-pin').value"))
                        .matches("\\d{6}"),
                "a six-digit PIN generated");
        browser.click("save-voicemail-pin");
        browser.awaitText("voicemail-boxes", "set");
        assertThat(pinSet("481")).isTrue();
        assertThat(pinSet("482")).as("the other box untouched").isFalse();
    }

    private static boolean pinSet(String box) {
        return tandem.api()
                .send("GET", "/api/v1/voicemail/" + box, null)
                .json()
                .get("pinSet")
                .asBoolean();
    }
}
