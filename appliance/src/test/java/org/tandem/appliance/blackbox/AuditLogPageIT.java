package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit log (issue 17) in real headless Chromium against the built jar: a change the admin makes on a page is on
 * the Audit log page, attributed to "admin" and the web UI, and the API says the same.
 */
class AuditLogPageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    @RegisterExtension
    final AdminBrowser browsers = new AdminBrowser(tandem);

    @Test
    void aChangeInTheWebUiIsOnTheAuditLogPageAsTheAdminsViaTheWebUi() {
        Browser browser = browsers.signedIn("/blocklist");
        browser.fill("blocked-number", "+4930777");
        browser.fill("blocked-note", "audit test");
        browser.click("add-blocked");
        browser.awaitText("blocklist", "+4930777");

        browser.open("/audit");
        browser.awaitText("audit-log", "added blocked number +4930777");
        String row = browser.text("audit-log");
        assertThat(row).contains("web UI").contains("admin");

        JsonNode entries = tandem.api().send("GET", "/api/v1/audit", null).json();
        JsonNode added = null;
        for (JsonNode e : entries) {
            if (e.get("action").asText().equals("added blocked number +4930777")) added = e;
        }
        assertThat(added).as(entries.toString()).isNotNull();
        assertThat(added.get("who").asText()).isEqualTo("admin");
        assertThat(added.get("channel").asText()).isEqualTo("WEB_UI");
        assertThat(added.get("target").asText()).isEqualTo("+4930777");

        // the who filter: another name shows none of the admin's changes
        browser.fill("audit-who", "somebody-else");
        browser.click("audit-apply");
        browser.awaitText("audit-count", "No changes match these filters");
        browser.fill("audit-who", "adm");
        browser.click("audit-apply");
        browser.until(() -> browser.text("audit-count").matches("\\d+ changes?"), "the admin's changes counted");
        browser.awaitText("audit-log", "added blocked number +4930777");
    }
}
