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
import org.openqa.selenium.By;

/**
 * Issue 5's security and setup pages in headless Chromium against the built jar: the allow-list edited
 * on the Security page (a bad entry shown next to its field), a login name locked after failed passwords
 * (the right one refused too, the lock shown and lifted on the Security page), and a SIP domain set in the
 * setup wizard in force for the next REGISTER without a restart (SIPp checks the realm).
 */
class AdminSecurityIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension("--tandem.security.lockout.max-failures=3");

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

    private void logInAsAdmin() {
        browser.logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browser.awaitPath("/");
        browser.byId("registrations");
    }

    private String allowListFromApi() {
        return tandem.api().send("GET", "/api/v1/security/allow-list", null).json().get("entries").toString();
    }

    @Test
    void anAdminEditsTheAllowListOnTheSecurityPage() {
        logInAsAdmin();
        browser.open("/security");
        browser.fill("allow-entry", "192.168.7.0/33");
        browser.click("allow-add");
        assertThat(browser.fieldError("allow-entry")).contains("0 to 32");
        assertThat(allowListFromApi()).isEqualTo("[]");
        // issue 17, defect 9: an allow-listed address is never banned, so the whole Internet is refused
        browser.fill("allow-entry", "0.0.0.0/0");
        browser.click("allow-add");
        browser.until(() -> browser.fieldError("allow-entry").contains("switch brute-force protection off"),
                "0.0.0.0/0 refused at its field");
        assertThat(allowListFromApi()).isEqualTo("[]");
        assertThat(tandem.api().send("POST", "/api/v1/security/allow-list", "{\"entry\":\"::/0\"}").status())
                .isEqualTo(400);
        assertThat(tandem.api().send("POST", "/api/v1/security/allow-list", "{\"entry\":\"10.0.0.0/7\"}").status())
                .as("wider than the default /8").isEqualTo(400);

        browser.fill("allow-entry", "192.168.7.0/24");
        browser.click("allow-add");
        browser.awaitText("allow-list", "192.168.7.0/24");
        assertThat(allowListFromApi()).isEqualTo("[\"192.168.7.0/24\"]");
        browser.fill("allow-entry", "2001:db8::/32");
        browser.click("allow-add");
        browser.awaitText("allow-list", "2001:db8::/32");
        browser.screenshot(screenshot("security"));

        browser.click("allow-remove-2001_db8___32");
        browser.awaitText("confirm-delete-text", "Deleting it cannot be undone");
        assertThat(allowListFromApi()).as("asked first").contains("2001:db8::/32");
        browser.click("confirm-delete-ok");
        browser.until(() -> allowListFromApi().equals("[\"192.168.7.0/24\"]"), "the entry removed");
    }

    @Test
    void aLoginNameIsLockedAfterFailedPasswordsAndAnAdminUnlocksIt() {
        logInAsAdmin();
        browser.open("/users");
        browser.click("add-user");
        browser.fill("user-extension", "341");
        browser.fill("user-name", "Gina Lock");
        browser.click("generate-password");
        browser.fill("user-web-password", "ginas-web-pw");
        browser.click("save-user");
        browser.awaitText("users", "Gina Lock");
        browser.click("logout");
        browser.awaitPath("/login");

        for (int i = 0; i < 3; i++) {
            browser.logIn("341", "wrong-" + i);
            awaitLoginError();
        }
        browser.logIn("341", "ginas-web-pw");
        awaitLoginError();
        assertThat(browser.present(By.id("portal-title"))).as("the right password is refused while locked").isFalse();
        JsonNode locks = tandem.api().send("GET", "/api/v1/security/lockouts", null).json();
        assertThat(locks.toString()).contains("\"account\":\"341\"");

        logInAsAdmin();
        browser.open("/security");
        browser.awaitText("lockouts", "341");
        browser.awaitText("failed-logins", "account locked");
        browser.screenshot(screenshot("security-lockout"));
        browser.click("unlock-341");
        browser.until(() -> !tandem.api().send("GET", "/api/v1/security/lockouts", null).body().contains("341"),
                "the lock lifted");
        browser.click("logout");
        browser.awaitPath("/login");

        browser.logIn("341", "ginas-web-pw");
        browser.awaitPath("/me");
        browser.awaitText("portal-title", "Gina Lock");
    }

    @Test
    void aDomainSetInTheWizardIsTheRealmOfTheNextRegister() {
        tandem.api().createUser("351", "Hank Realm", "hanks-sip-secret");
        logInAsAdmin();
        browser.click("setup-banner");
        browser.awaitPath("/setup");
        browser.fill("setup-domain", "pbx2.example.test");
        browser.click("setup-next");
        browser.fill("setup-external-host", "203.0.113.7");
        browser.click("setup-next");
        browser.click("setup-finish");
        browser.awaitPath("/");

        tandem.sipp("register-new-realm", "uac.xml").localPort(FreePorts.udpAndTcp()).service("351")
                .credentials("351", "hanks-sip-secret").key("domain", "pbx2.example.test").key("expires", "600")
                .runAndAssertSuccess();
        browser.until(() -> tandem.api().registrationsOf("351").stream()
                .anyMatch(b -> b.path("aor").asText().equals("sip:351@pbx2.example.test")), "351 registered in the new domain");
    }

    private void awaitLoginError() {
        browser.until(() -> browser.path().equals("/login")
                        && browser.element(By.tagName("vaadin-login-form")).getAttribute("error") != null,
                "the login form showing its 'wrong name or password' error");
    }

    /** Screenshots of the Security page (copied to docs/ for the README). */
    static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }
}
