package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Users page's helpers for an admin (issue 17): a new user is offered the next free extension (after the
 * highest, past numbers other features use), and the list exports as CSV in the import's columns with no password and
 * nothing a spreadsheet would run — the same file as {@code GET /api/v1/users.csv}. And the welcome e-mail from the
 * web UI, through a real SMTP server (GreenMail): the admin presses "Send welcome e-mail" on a user without an address
 * (told so at the e-mail field) and on one with; the user opens the link, chooses a password (two differing entries
 * are refused at the second field), logs in to the portal with it, and the link does not work a second time. One
 * appliance for both: each starts a jar otherwise.
 */
class UserListPageIT {

    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"]+/welcome\\?token=[A-Za-z0-9_-]{43})");

    @RegisterExtension
    // own appliance: the next free extension depends on every user, and it sets the setup's mail server
    static final TandemExtension tandem = new TandemExtension();

    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    @Test
    void aNewUserIsOfferedTheNextFreeExtensionAndTheListExportsAsCsv() {
        tandem.api().createUser("471", "Rita Export", "Rita-secret-471");
        assertThat(tandem.api()
                        .send(
                                "PUT",
                                "/api/v1/users/471",
                                "{\"displayName\":\"Rita Export\"," + "\"email\":\"rita@example.com\"}")
                        .status())
                .isEqualTo(200);
        tandem.api().createUser("472", "=SUM(1+2) Lager", "Lager-secret-472");
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/ring-groups",
                                "{\"number\":\"473\",\"name\":\"Stock\","
                                        + "\"members\":[{\"destination\":\"extension:471\"}]}")
                        .status())
                .isEqualTo(201);
        TandemApi.Reply next = tandem.api().send("GET", "/api/v1/users/next-extension", null);
        assertThat(next.json().get("extension").asText())
                .as("473 is the ring group's")
                .isEqualTo("474");

        browser = browsers.signedIn("/users");
        browser.click("add-user");
        browser.until(
                () -> "474"
                        .equals(browser.script(
                                "const f = document.getElementById('user-extension');" + " return f && f.value")),
                "474 suggested in the new user's extension");

        browser.open("/users");
        browser.awaitText("users", "Rita Export");
        Object csv = browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('export-users').href).then(r => r.text()).then(done, e => done('' + e));");
        // WebDriver hands strings back with \n line ends: the CRLFs (RFC 4180) are checked on the API's bytes
        String downloaded = String.valueOf(csv).replace("\r\n", "\n");
        assertThat(downloaded)
                .startsWith("extension,name,email\n")
                .contains("471,Rita Export,rita@example.com\n")
                .contains("472,'=SUM(1+2) Lager,472@example.invalid\n")
                .doesNotContain("secret");
        TandemApi.Reply api = tandem.api().send("GET", "/api/v1/users.csv", null);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body()).startsWith("extension,name,email\r\n").contains("471,Rita Export,rita@example.com\r\n");
        assertThat(api.body().replace("\r\n", "\n")).isEqualTo(downloaded);
    }

    @Test
    void theAdminSendsAWelcomeEmailAndTheUserChoosesTheirPasswordWithItsLink() throws Exception {
        GreenMail smtp =
                new GreenMail(new ServerSetup(FreePorts.udpAndTcp(), TandemProcess.HOST, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Browser user = null;
        try {
            TandemApi.Reply configured = tandem.api()
                    .send(
                            "PUT",
                            "/api/v1/setup",
                            "{\"sipDomain\":\"" + TandemExtension.DOMAIN
                                    + "\",\"timeZone\":\"UTC\",\"smtpHost\":\"" + TandemProcess.HOST
                                    + "\",\"smtpPort\":" + smtp.getSmtp().getPort()
                                    + ",\"mailFrom\":\"pbx@example.com\",\"smtpStartTls\":false}");
            assertThat(configured.status()).as(configured.body()).isEqualTo(200);
            assertThat(tandem.api()
                            .send(
                                    "POST",
                                    "/api/v1/users",
                                    "{\"extension\":\"161\",\"displayName\":\"Wendy\","
                                            + "\"password\":\"Sip-secret-161\",\"email\":\"wendy@example.com\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(tandem.api()
                            .send(
                                    "POST",
                                    "/api/v1/users",
                                    "{\"extension\":\"162\",\"displayName\":\"No Mail\","
                                            + "\"password\":\"Sip-secret-162\"}")
                            .status())
                    .isEqualTo(201);

            Browser admin = browsers.signedIn("/users");
            admin.clickCell("users", "162");
            admin.click("send-welcome");
            assertThat(admin.fieldError("user-email")).contains("no e-mail address");
            admin.click("user-editor-close");

            admin.clickCell("users", "161");
            admin.click("send-welcome");
            assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), 1))
                    .isTrue();
            String text = (String) ((MimeMultipart) smtp.getReceivedMessages()[0].getContent())
                    .getBodyPart(0)
                    .getContent();
            Matcher link = LINK.matcher(text);
            assertThat(link.find()).as(text).isTrue();
            URI url = URI.create(link.group(1));

            user = new Browser(tandem.process());
            user.open(url.getRawPath() + "?" + url.getRawQuery());
            user.awaitText("welcome-intro", "extension 161");
            user.fill("welcome-password", "short");
            user.fill("welcome-repeat", "short");
            user.click("welcome-save");
            assertThat(user.fieldError("welcome-password")).contains("at least");
            assertThat(user.text("welcome-problem"))
                    .as("the error at its field only")
                    .isEmpty();
            user.fill("welcome-password", "Portal-pass-161");
            user.fill("welcome-repeat", "Portal-pass-16");
            user.click("welcome-save");
            assertThat(user.fieldError("welcome-repeat")).contains("differ");
            assertThat(user.invalid("welcome-password"))
                    .as("the password's earlier error gone")
                    .isFalse();
            user.fill("welcome-repeat", "Portal-pass-161");
            user.click("welcome-save");
            user.awaitText("welcome-done", "Your password is set");

            user.logIn("161", "Portal-pass-161");
            user.awaitPath("/me");

            user.open(url.getRawPath() + "?" + url.getRawQuery());
            user.awaitText("welcome-intro", "has been used or has expired");
        } finally {
            if (user != null) user.close();
            smtp.stop();
        }
    }

    /**
     * Issue 18: the user editor's "Voicemail language" picks the language of the user's voicemail menus (the API shows
     * it), and an IVR menu's editor offers the same four languages.
     */
    @Test
    void theUserEditorSetsTheVoicemailLanguage() {
        tandem.api().createUser("475", "Greta", "Greta-secret-475");
        browser = browsers.signedIn("/users");
        browser.clickCell("users", "475");
        assertThat(browser.offered("user-language"))
                .containsExactly("English (en)", "Deutsch (de)", "Français (fr)", "Español (es)");
        browser.pick("user-language", "Deu", "Deutsch (de)");
        browser.click("save-user");
        browser.until(
                () -> "de"
                        .equals(tandem.api()
                                .send("GET", "/api/v1/users/475", null)
                                .json()
                                .path("language")
                                .asText(null)),
                "user 475 speaks German");

        browser.open("/users");
        browser.clickCell("users", "475");
        browser.until(
                () -> "Deutsch (de)"
                        .equals(
                                browser.script(
                                        "const f = document.getElementById('user-language'); return f && f.inputElement && f.inputElement.value")),
                "the editor shows the user's language");
    }
}
