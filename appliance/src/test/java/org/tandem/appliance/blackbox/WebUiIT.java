package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The admin web UI in real headless Chromium against the built jar: login, refusal of a wrong
 * password, the dashboard, the users page, and what phones do (SIPp) showing up in the pages.
 */
class WebUiIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();

    private Browser browser;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser(tandem.process());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.close();
    }

    private void logInAsAdmin() {
        browser.logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browser.awaitPath("/");
        browser.byId("registrations");
    }

    @Test
    void aWrongPasswordIsRefused() {
        browser.logIn(TandemProcess.ADMIN_USER, "not-the-password");

        browser.until(() -> browser.path().equals("/login")
                        && browser.element(By.tagName("vaadin-login-form")).getAttribute("error") != null,
                "the login form showing its 'wrong name or password' error");
        browser.open("/");
        browser.awaitPath("/login");
    }

    @Test
    void anAdminLogsInSeesTheDashboardAndLogsOut() {
        logInAsAdmin();

        assertThat(browser.text("signed-in-as")).contains("admin");
        browser.awaitText("health", "sipStack: UP");
        assertThat(browser.present(By.id("calls-per-hour"))).isTrue();
        browser.click("logout");
        browser.awaitPath("/login");
        browser.open("/users");
        browser.awaitPath("/login");
    }
}
