package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.appliance.testsupport.FreePorts;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.PasswordLinks;

/**
 * The welcome e-mail (issue 17: "a welcome e-mail with their portal link and phone setup (QR code for softphones)"),
 * through a real SMTP server (GreenMail): the user gets their extension, a one-time link to choose their own portal
 * password (no password is mailed: not the SIP secret, not a web password), and a QR code that decodes to the portal's
 * login address. The link sets the password once.
 */
abstract class WelcomeMailApiContract extends ApiTestBase {

    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"]+/welcome\\?token=([A-Za-z0-9_-]{43}))");

    @Autowired
    ApplianceSetup setup;
    @Autowired
    PasswordLinks links;
    @Autowired
    WebPasswords webPasswords;

    @Test
    void aNewUserGetsALinkToChooseTheirPasswordAndAQrCodeOfThePortal() throws Exception {
        assertThat(admin.post("/api/v1/users", user("151", "Wendy Welcome", "Sip-secret-151", "wendy@example.com"))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/users", user("152", "No Mail", "Sip-secret-152", null)).status()).isEqualTo(201);

        int smtpPort = FreePorts.tcpAndUdp();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            setup.save(new SetupSettings(DOMAIN, "UTC", null, "127.0.0.1", smtpPort, null, null, "pbx@example.com",
                    false, false));
            Response sent = admin.post("/api/v1/users/151/welcome", "");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.json().get("sent").asBoolean()).isTrue();
            assertThat(sent.json().get("serverAnswer").asText()).startsWith("250");
            assertThat(sent.json().get("to").asText()).isEqualTo("wendy@example.com");

            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(1);
            MimeMessage m = received[0];
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("wendy@example.com");
            assertThat(m.getSubject()).contains("151");
            String raw = rawText(m);
            assertThat(raw).as("no secret is mailed").doesNotContain("Sip-secret-151");

            MimeMultipart alternative = (MimeMultipart) m.getContent();
            assertThat(alternative.getContentType()).startsWith("multipart/alternative");
            String text = (String) alternative.getBodyPart(0).getContent();
            assertThat(text).contains("extension is 151").contains("*97");
            MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
            String html = (String) related.getBodyPart(0).getContent();
            assertThat(html).contains("<img src=\"cid:portal-qr\"");
            BodyPart image = related.getBodyPart(1);
            assertThat(image.getContentType()).startsWith("image/png");
            assertThat(image.getHeader("Content-ID")[0]).isEqualTo("<portal-qr>");
            String base = "http://127.0.0.1:" + port + "/"; // the address the admin (ApiClient) used
            assertThat(decodeQr(image)).isEqualTo(base + "login");

            Matcher link = LINK.matcher(text);
            assertThat(link.find()).as(text).isTrue();
            assertThat(link.group(1)).startsWith(base + "welcome?token=");
            assertThat(html).contains(link.group(1));
            String token = link.group(2);
            assertThat(links.extensionOf(token)).contains("151");

            // the link: both entries must agree, the rules hold, and it works once
            assertThatThrownBy(() -> links.redeem(token, "Portal-pass-151", "Portal-pass-15"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("repeat"));
            assertThatThrownBy(() -> links.redeem(token, "short", "short"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("webPassword"));
            assertThat(links.redeem(token, "Portal-pass-151", "Portal-pass-151")).isEqualTo("151");
            assertThat(webPasswords.matches("151", "Portal-pass-151")).isTrue();
            assertThatThrownBy(() -> links.redeem(token, "Another-pass-151", "Another-pass-151"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("token"));
            assertThat(webPasswords.matches("151", "Portal-pass-151")).as("unchanged by the used link").isTrue();

            // a second welcome e-mail makes the first one's link useless
            admin.post("/api/v1/users/151/welcome", "");
            admin.post("/api/v1/users/151/welcome", "");
            Matcher second = LINK.matcher((String) ((MimeMultipart) mail.getReceivedMessages()[1].getContent())
                    .getBodyPart(0).getContent());
            assertThat(second.find()).isTrue();
            assertThat(links.extensionOf(second.group(2))).as("replaced by the third").isEmpty();

            Response noAddress = admin.post("/api/v1/users/152/welcome", "");
            assertThat(noAddress.status()).isEqualTo(400);
            assertThat(noAddress.json().get("fields").get("email").asText()).contains("no e-mail address");
            assertThat(admin.post("/api/v1/users/999/welcome", "").status()).isEqualTo(404);
            if (accounts.find("operator").isEmpty()) {
                accounts.create("operator", "operator-secret", org.tandem.appliance.admin.AdminRole.OPERATOR, false);
            }
            assertThat(anonymous.as("operator", "operator-secret").post("/api/v1/users/151/welcome", "").status())
                    .as("a read-only account sends nothing").isEqualTo(403);
        } finally {
            mail.stop();
        }
    }

    private static String rawText(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String decodeQr(BodyPart png) throws Exception {
        BufferedImage image = ImageIO.read(png.getInputStream());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
