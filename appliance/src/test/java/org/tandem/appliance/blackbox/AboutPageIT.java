package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The About page (issue 17: a version page with update instructions) in Chromium against the built jar: the version
 * is the jar's own (its manifest), not a placeholder, and page and API agree on every fact; the update steps link to
 * the Backup page; no database credential is shown.
 */
class AboutPageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own
    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    @Test
    void thePageNamesTheJarsVersionAndHowToUpdate() {
        TandemApi.Reply reply = tandem.api().send("GET", "/api/v1/system/about", null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode about = reply.json();
        assertThat(about.get("version").asText()).as("the jar's Implementation-Version").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(about.get("schemaVersion").asInt()).isGreaterThan(30);
        assertThat(about.get("database").asText()).startsWith("H2");
        assertThat(reply.body()).doesNotContain("jdbc:").doesNotContainIgnoringCase("password");

        browser = browsers.signedIn("/about");
        browser.awaitText("about-version", about.get("version").asText());
        assertThat(browser.element(By.id("about-schema")).getText()).isEqualTo("version " + about.get("schemaVersion").asText());
        assertThat(browser.element(By.id("about-database")).getText()).isEqualTo(about.get("database").asText());
        assertThat(browser.element(By.id("about-java")).getText()).isEqualTo(about.get("java").asText());
        assertThat(browser.element(By.id("about-data")).getText()).isEqualTo(about.get("dataDir").asText());
        assertThat(browser.element(By.id("update-steps")).getText()).contains("apt install ./tandem_<version>_all.deb");
        browser.element(By.cssSelector("#update-steps a[href='backup']")).click();
        browser.awaitPath("/backup");
    }
}
