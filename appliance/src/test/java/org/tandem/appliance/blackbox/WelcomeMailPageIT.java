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
 * The welcome e-mail from the web UI (issue 17), in Chromium, through a real SMTP server (GreenMail): the admin
 * presses "Send welcome e-mail" on a user without an address (told so at the e-mail field) and on one with; the user
 * opens the link, chooses a password (two differing entries are refused at the second field), logs in to the portal
 * with it, and the link does not work a second time.
 */
class WelcomeMailPageIT {

    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"]+/welcome\\?token=[A-Za-z0-9_-]{43})");

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();
    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    @Test
    void theAdminSendsAWelcomeEmailAndTheUserChoosesTheirPasswordWithItsLink() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(FreePorts.udpAndTcp(), TandemProcess.HOST, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Browser user = null;
        try {
            TandemApi.Reply configured = tandem.api().send("PUT", "/api/v1/setup", "{\"sipDomain\":\"" + TandemExtension.DOMAIN
                    + "\",\"timeZone\":\"UTC\",\"smtpHost\":\"" + TandemProcess.HOST
                    + "\",\"smtpPort\":" + smtp.getSmtp().getPort() + ",\"mailFrom\":\"pbx@example.com\",\"smtpStartTls\":false}");
            assertThat(configured.status()).as(configured.body()).isEqualTo(200);
            assertThat(tandem.api().send("POST", "/api/v1/users", "{\"extension\":\"161\",\"displayName\":\"Wendy\","
                    + "\"password\":\"Sip-secret-161\",\"email\":\"wendy@example.com\"}").status()).isEqualTo(201);
            assertThat(tandem.api().send("POST", "/api/v1/users", "{\"extension\":\"162\",\"displayName\":\"No Mail\","
                    + "\"password\":\"Sip-secret-162\"}").status()).isEqualTo(201);

            Browser admin = browsers.signedIn();
            admin.open("/users");
            admin.clickCell("users", "162");
            admin.click("send-welcome");
            assertThat(admin.fieldError("user-email")).contains("no e-mail address");
            admin.click("user-editor-close");

            admin.clickCell("users", "161");
            admin.click("send-welcome");
            assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), 1)).isTrue();
            String text = (String) ((MimeMultipart) smtp.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
            Matcher link = LINK.matcher(text);
            assertThat(link.find()).as(text).isTrue();
            URI url = URI.create(link.group(1));

            user = new Browser(tandem.process());
            user.open(url.getRawPath() + "?" + url.getRawQuery());
            user.awaitText("welcome-intro", "extension 161");
            user.fill("welcome-password", "Portal-pass-161");
            user.fill("welcome-repeat", "Portal-pass-16");
            user.click("welcome-save");
            assertThat(user.fieldError("welcome-repeat")).contains("differ");
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
}
