package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.tandem.pbx.testsupport.MediaPhone;

/**
 * Issue 5's security and setup pages in headless Chromium against the built jar: the allow-list edited
 * on the Security page (a bad entry shown next to its field), a login name locked after failed passwords
 * (the right one refused too, the lock shown and lifted on the Security page), and a SIP domain set in the
 * setup wizard in force for the next REGISTER without a restart (SIPp checks the realm), with the prompt language
 * chosen there what the next call to voicemail hears.
 */
class AdminSecurityIT {

    @RegisterExtension
    // own appliance: lockout and ban thresholds are startup flags; it edits the allow-list and the setup's domain
    // the address bans (10 failures a minute by default) are raised: both streaks below come from 127.0.0.1
    static final TandemExtension tandem =
            new TandemExtension("--tandem.security.lockout.max-failures=3", "--tandem.security.max-failures=30");

    @RegisterExtension
    static final BrowserPerClass browsers = new BrowserPerClass(tandem);

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    private void logInAsAdmin() {
        browsers.get().logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browsers.get().awaitPath("/");
        browsers.get().byId("registrations");
    }

    private String allowListFromApi() {
        return tandem.api()
                .send("GET", "/api/v1/security/allow-list", null)
                .json()
                .get("entries")
                .toString();
    }

    @Test
    void anAdminEditsTheAllowListOnTheSecurityPage() {
        logInAsAdmin();
        browsers.get().open("/security");
        browsers.get().fill("allow-entry", "192.168.7.0/33");
        browsers.get().click("allow-add");
        assertThat(browsers.get().fieldError("allow-entry")).contains("0 to 32");
        assertThat(browsers.get().text("allow-form-error"))
                .as("the error at its field only")
                .isEmpty();
        assertThat(allowListFromApi()).isEqualTo("[]");
        // issue 17, defect 9: an allow-listed address is never banned, so the whole Internet is refused
        browsers.get().fill("allow-entry", "0.0.0.0/0");
        browsers.get().click("allow-add");
        browsers.get()
                .until(
                        () -> browsers.get().fieldError("allow-entry").contains("switch brute-force protection off"),
                        "0.0.0.0/0 refused at its field");
        assertThat(allowListFromApi()).isEqualTo("[]");
        assertThat(tandem.api()
                        .send("POST", "/api/v1/security/allow-list", "{\"entry\":\"::/0\"}")
                        .status())
                .isEqualTo(400);
        assertThat(tandem.api()
                        .send("POST", "/api/v1/security/allow-list", "{\"entry\":\"10.0.0.0/7\"}")
                        .status())
                .as("wider than the default /8")
                .isEqualTo(400);

        browsers.get().fill("allow-entry", "192.168.7.0/24");
        browsers.get().click("allow-add");
        browsers.get().awaitText("allow-list", "192.168.7.0/24");
        assertThat(allowListFromApi()).isEqualTo("[\"192.168.7.0/24\"]");
        assertThat(browsers.get().value("allow-entry"))
                .as("emptied for the next")
                .isEmpty();
        assertThat(browsers.get().invalid("allow-entry"))
                .as("the earlier error gone")
                .isFalse();
        browsers.get().fill("allow-entry", "2001:db8::/32");
        browsers.get().click("allow-add");
        browsers.get().awaitText("allow-list", "2001:db8::/32");
        browsers.get().screenshot(screenshot("security"));

        browsers.get().click("allow-remove-2001_db8___32");
        browsers.get().awaitText("confirm-delete-text", "Deleting it cannot be undone");
        assertThat(allowListFromApi()).as("asked first").contains("2001:db8::/32");
        browsers.get().click("confirm-delete-ok");
        browsers.get().until(() -> allowListFromApi().equals("[\"192.168.7.0/24\"]"), "the entry removed");
    }

    @Test
    void aLoginNameIsLockedAfterFailedPasswordsAndAnAdminUnlocksIt() {
        logInAsAdmin();
        browsers.get().open("/users");
        browsers.get().click("add-user");
        browsers.get().fill("user-extension", "341");
        browsers.get().fill("user-name", "Gina Lock");
        browsers.get().click("generate-password");
        browsers.get().fill("user-web-password", "ginas-web-pw");
        browsers.get().click("save-user");
        browsers.get().awaitText("users", "Gina Lock");
        browsers.get().click("logout");
        browsers.get().awaitPath("/login");

        for (int i = 0; i < 3; i++) {
            browsers.get().logIn("341", "wrong-" + i);
            awaitLoginError();
        }
        browsers.get().logIn("341", "ginas-web-pw");
        awaitLoginError();
        assertThat(browsers.get().present(By.id("portal-title")))
                .as("the right password is refused while locked")
                .isFalse();
        JsonNode locks =
                tandem.api().send("GET", "/api/v1/security/lockouts", null).json();
        assertThat(locks.toString()).contains("\"account\":\"341\"");

        // issue 14: a wrong-password streak at the REST API locks an admin account the same way, in the same list
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"ida-api\","
                                        + "\"password\":\"idas-api-password\",\"role\":\"OPERATOR\",\"mustChangePassword\":false}")
                        .status())
                .isEqualTo(201);
        TandemApi ida = TandemApi.as(tandem.process(), "ida-api", "idas-api-password");
        assertThat(ida.send("GET", "/api/v1/account", null).status()).isEqualTo(200);
        TandemApi.Reply wrong = null;
        for (int i = 0; i < 3; i++) {
            wrong = TandemApi.as(tandem.process(), "ida-api", "wrong-" + i).send("GET", "/api/v1/account", null);
            assertThat(wrong.status()).isEqualTo(401);
        }
        TandemApi.Reply locked = ida.send("GET", "/api/v1/account", null);
        assertThat(locked.status())
                .as("the right password is refused while locked")
                .isEqualTo(401);
        assertThat(locked.body()).as("with the answer a wrong password gets").isEqualTo(wrong.body());
        assertThat(TandemApi.as(tandem.process(), "no-such-admin", "idas-api-password")
                        .send("GET", "/api/v1/account", null)
                        .body())
                .as("and an unknown name")
                .isEqualTo(wrong.body());
        // the portal user's name at the API: an unknown admin name there, counted towards the same lock
        assertThat(TandemApi.as(tandem.process(), "341", "ginas-web-pw")
                        .send("GET", "/api/v1/account", null)
                        .body())
                .isEqualTo(wrong.body());
        assertThat(tandem.api().send("GET", "/api/v1/security/lockouts", null).body())
                .contains("\"account\":\"ida-api\"", "\"account\":\"341\"");

        logInAsAdmin();
        browsers.get().open("/security");
        browsers.get().awaitText("lockouts", "341");
        browsers.get().awaitText("lockouts", "ida-api");
        browsers.get().awaitText("failed-logins", "account locked");
        browsers.get().screenshot(screenshot("security-lockout"));
        browsers.get().click("unlock-341");
        browsers.get()
                .until(
                        // the account field, not "341" anywhere: the body also holds ida-api's lock end to the
                        // nanosecond ("…:47:19.922341486Z" kept this waiting in vain once)
                        () -> !tandem.api()
                                .send("GET", "/api/v1/security/lockouts", null)
                                .body()
                                .contains("\"account\":\"341\""),
                        "the lock lifted");
        browsers.get().click("logout");
        browsers.get().awaitPath("/login");

        browsers.get().logIn("341", "ginas-web-pw");
        browsers.get().awaitPath("/me");
        browsers.get().awaitText("portal-title", "Gina Lock");
        assertThat(ida.send("GET", "/api/v1/account", null).status())
                .as("still locked: only 341 was unlocked")
                .isEqualTo(401);
        assertThat(tandem.api()
                        .send("DELETE", "/api/v1/security/lockouts/ida-api", null)
                        .status())
                .isEqualTo(204);
        assertThat(ida.send("GET", "/api/v1/account", null).status()).isEqualTo(200);
    }

    /**
     * Also issue 18: the wizard's "Language of the prompts" is the system language: German chosen there, user 351
     * (no language of his own) calling *97 hears the German "keine Nachrichten" and main menu, not the English ones.
     */
    @Test
    void aDomainSetInTheWizardIsTheRealmOfTheNextRegister() throws Exception {
        tandem.api().createUser("351", "Hank Realm", "hanks-sip-secret");
        logInAsAdmin();
        browsers.get().click("setup-banner");
        browsers.get().awaitPath("/setup");
        browsers.get().fill("setup-domain", "pbx2.example.test");
        browsers.get().pick("setup-language", "Deu", "Deutsch (de)");
        browsers.get().click("setup-next");
        browsers.get().fill("setup-external-host", "203.0.113.7");
        browsers.get().click("setup-next");
        browsers.get().click("setup-finish");
        browsers.get().awaitPath("/");

        tandem.sipp("register-new-realm", "uac.xml")
                .localPort(FreePorts.udpAndTcp())
                .service("351")
                .credentials("351", "hanks-sip-secret")
                .key("domain", "pbx2.example.test")
                .key("expires", "600")
                .runAndAssertSuccess();
        browsers.get()
                .until(
                        () -> tandem.api().registrationsOf("351").stream()
                                .anyMatch(b -> b.path("aor").asText().equals("sip:351@pbx2.example.test")),
                        "351 registered in the new domain");

        assertThat(tandem.api()
                        .send("GET", "/api/v1/setup", null)
                        .json()
                        .path("language")
                        .asText())
                .isEqualTo("de");
        try (MediaPhone hank =
                MediaPhone.of(tandem.process().sipPort(), "pbx2.example.test", "351", "hanks-sip-secret")) {
            hank.dial("*97");
            hank.awaitPromptsInOrder("de", java.time.Duration.ofSeconds(30), "vm-no-messages", "vm-main-menu");
            assertThat(hank.heardPrompt("en", "vm-no-messages"))
                    .as("no English")
                    .isFalse();
            hank.hangUp();
        }
    }

    private void awaitLoginError() {
        browsers.get()
                .until(
                        () -> browsers.get().path().equals("/login")
                                && browsers.get()
                                                .element(By.tagName("vaadin-login-form"))
                                                .getAttribute("error")
                                        != null,
                        "the login form showing its 'wrong name or password' error");
    }

    /** Screenshots of the Security page (copied to docs/ for the README). */
    static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }
}
