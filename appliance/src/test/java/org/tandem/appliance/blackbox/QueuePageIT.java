package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The queue page (issue 18) in real headless Chromium against the built jar: a queue made there is in the API; an
 * unknown agent and a taken number are shown next to their fields and nothing is saved.
 */
class QueuePageIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();

    @RegisterExtension
    static final BrowserPerClass browsers = new BrowserPerClass(tandem);

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void logIn() {
        browsers.get().logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browsers.get().awaitPath("/");
        browsers.get().byId("registrations");
    }

    @Test
    void aQueueMadeInTheBrowserIsInTheApiAndBadAgentsAreShownAtTheirField() {
        tandem.api().createUser("421", "Ann Agent", "Queue-page-1");
        tandem.api().createUser("422", "Bob Agent", "Queue-page-1");
        browsers.get().open("/queues");
        browsers.get().click("add-queue");
        browsers.get().fill("q-number", "421");
        browsers.get().fill("q-name", "Support");
        choose("q-strategy", "Round robin (remembers)");
        browsers.get().fill("q-members", "421, 499");
        browsers.get().click("save-queue");

        assertThat(browsers.get().fieldError("q-members")).contains("there is no extension 499");
        assertThat(tandem.api().send("GET", "/api/v1/queues/421", null).status()).as("nothing saved").isEqualTo(404);
        browsers.get().fill("q-members", "421, 422");
        browsers.get().click("save-queue");
        assertThat(browsers.get().fieldError("q-number")).contains("extension 421");
        browsers.get().screenshot(screenshot("queue-number-taken"));

        browsers.get().fill("q-number", "745");
        browsers.get().click("save-queue");
        browsers.get().awaitText("queues", "Support");
        JsonNode q = tandem.api().send("GET", "/api/v1/queues/745", null).json();
        assertThat(q.get("name").asText()).isEqualTo("Support");
        assertThat(q.get("strategy").asText()).isEqualTo("ROUND_ROBIN");
        assertThat(q.get("members").toString()).isEqualTo("[\"421\",\"422\"]");
        browsers.get().screenshot(screenshot("queues"));
    }

    private void choose(String selectId, String label) {
        browsers.get().element(By.cssSelector("#" + selectId + " vaadin-select-value-button")).click();
        By item = By.xpath("//vaadin-select-list-box//vaadin-select-item[normalize-space(.)='" + label + "']");
        browsers.get().until(() -> browsers.get().all(item).stream().anyMatch(WebElement::isDisplayed), "'" + label + "' offered");
        browsers.get().all(item).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
        browsers.get().until(() -> browsers.get().all(item).stream().noneMatch(WebElement::isDisplayed), "the list closed");
    }

    private static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }
}
