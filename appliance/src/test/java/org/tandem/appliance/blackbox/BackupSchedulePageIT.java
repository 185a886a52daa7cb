package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Backup page's schedule (issue 17) in Chromium against the built jar: bad values are refused with the message
 * under the field, the corrected schedule is saved and planned, and "Run now" writes an archive the page then lists
 * with a download link — the same one the API lists.
 */
class BackupSchedulePageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    @Test
    void aBadValueIsShownAtItsFieldAndRunNowListsTheArchive() {
        Browser browser = browsers.signedIn("/backup");
        browser.awaitText("backup-archives", "No scheduled archive yet");

        browser.toggle("schedule-enabled");
        browser.fill("schedule-time", "25:61");
        browser.fill("schedule-keep-days", "0");
        browser.click("schedule-save");
        assertThat(browser.fieldError("schedule-time")).contains("HH:MM");
        assertThat(browser.fieldError("schedule-keep-days")).contains("1 to");
        assertThat(tandem.api()
                        .send("GET", "/api/v1/backup/schedule", null)
                        .json()
                        .get("schedule")
                        .get("enabled")
                        .asBoolean())
                .as("nothing saved")
                .isFalse();

        browser.fill("schedule-time", "03:15");
        browser.fill("schedule-keep-days", "7");
        browser.click("schedule-save");
        browser.awaitText("schedule-next", "Next run: ");
        assertThat(browser.text("schedule-next")).contains(" 03:15 ");
        JsonNode saved =
                tandem.api().send("GET", "/api/v1/backup/schedule", null).json().get("schedule");
        assertThat(saved.get("timeOfDay").asText()).isEqualTo("03:15");
        assertThat(saved.get("keepDays").asInt()).isEqualTo(7);

        browser.click("schedule-run-now");
        browser.awaitText("schedule-last", ", ok — Wrote tandem-backup-");
        String name = tandem.api()
                .send("GET", "/api/v1/backup/archives", null)
                .json()
                .get(0)
                .get("name")
                .asText();
        browser.awaitText("backup-archives", name);
        // the list may be drawn again as the link is read (a stale element): text and link read in one go, again then
        browser.until(
                () -> {
                    WebElement link = browser.element(By.cssSelector("#backup-archives a"));
                    String href = link.getDomAttribute("href");
                    return name.equals(link.getText()) && href != null && !href.isBlank();
                },
                "a link named " + name + " in #backup-archives");
    }
}
