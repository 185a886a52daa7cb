package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.appliance.blackbox.Digest;
import org.tandem.appliance.blackbox.RawSip;
import org.tandem.appliance.blackbox.SipText;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.PasswordLinks;
import org.tandem.pbx.welcome.SoftphoneSetup;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The welcome e-mail (issue 17: "a welcome e-mail with their portal link and phone setup (QR code for softphones)"),
 * through a real SMTP server (GreenMail): the user gets their extension, a one-time link to choose their own portal
 * password (no password is mailed: not the SIP secret, not a web password), and a QR code that decodes to the portal's
 * login address. The link sets the password once. A second QR code sets up Linphone: it holds a one-time address
 * from which the app fetches its account (the digest HA1, not the SIP password), and with which it registers.
 */
abstract class WelcomeMailApiContract extends ApiTestBase {

    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"]+/welcome\\?token=([A-Za-z0-9_-]{43}))");

    @Autowired
    ApplianceSetup setup;

    @Autowired
    PasswordLinks links;

    @Autowired
    WebPasswords webPasswords;

    @Autowired
    SoftphoneSetup softphones;

    @Test
    void aNewUserGetsALinkToChooseTheirPasswordAndAQrCodeOfThePortal() throws Exception {
        assertThat(admin.post("/api/v1/users", user("3151", "Wendy Welcome", "Sip-secret-3151", "wendy@example.com"))
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/users", user("3152", "No Mail", "Sip-secret-3152", null))
                        .status())
                .isEqualTo(201);

        int smtpPort = FreePorts.udpAndTcp();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            setup.save(new SetupSettings(
                    DOMAIN, "UTC", null, "127.0.0.1", smtpPort, null, null, "pbx@example.com", false, false));
            Response sent = admin.post("/api/v1/users/3151/welcome", "");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.json().get("sent").asBoolean()).isTrue();
            assertThat(sent.json().get("serverAnswer").asText()).startsWith("250");
            assertThat(sent.json().get("to").asText()).isEqualTo("wendy@example.com");

            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(1);
            MimeMessage m = received[0];
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("wendy@example.com");
            assertThat(m.getSubject()).contains("3151");
            String raw = rawText(m);
            assertThat(raw).as("no secret is mailed").doesNotContain("Sip-secret-3151");

            MimeMultipart alternative = (MimeMultipart) m.getContent();
            assertThat(alternative.getContentType()).startsWith("multipart/alternative");
            String text = (String) alternative.getBodyPart(0).getContent();
            assertThat(text).contains("extension is 3151").contains("*97");
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
            assertThat(links.extensionOf(token)).contains("3151");

            // the link: both entries must agree, the rules hold, and it works once
            assertThatThrownBy(() -> links.redeem(token, "Portal-pass-3151", "Portal-pass-15"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsKey("repeat"));
            assertThatThrownBy(() -> links.redeem(token, "short", "short"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsKey("webPassword"));
            assertThat(links.redeem(token, "Portal-pass-3151", "Portal-pass-3151"))
                    .isEqualTo("3151");
            assertThat(webPasswords.matches("3151", "Portal-pass-3151")).isTrue();
            assertThatThrownBy(() -> links.redeem(token, "Another-pass-3151", "Another-pass-3151"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsKey("token"));
            assertThat(webPasswords.matches("3151", "Portal-pass-3151"))
                    .as("unchanged by the used link")
                    .isTrue();

            // a second welcome e-mail makes the first one's link useless
            admin.post("/api/v1/users/3151/welcome", "");
            admin.post("/api/v1/users/3151/welcome", "");
            Matcher second = LINK.matcher((String) ((MimeMultipart) mail.getReceivedMessages()[1].getContent())
                    .getBodyPart(0)
                    .getContent());
            assertThat(second.find()).isTrue();
            assertThat(links.extensionOf(second.group(2)))
                    .as("replaced by the third")
                    .isEmpty();

            Response noAddress = admin.post("/api/v1/users/3152/welcome", "");
            assertThat(noAddress.status()).isEqualTo(400);
            assertThat(noAddress.json().get("fields").get("email").asText()).contains("no e-mail address");
            assertThat(admin.post("/api/v1/users/999/welcome", "").status()).isEqualTo(404);
            if (accounts.find("operator").isEmpty()) {
                accounts.create("operator", "operator-secret", org.tandem.appliance.admin.AdminRole.OPERATOR, false);
            }
            assertThat(anonymous
                            .as("operator", "operator-secret")
                            .post("/api/v1/users/3151/welcome", "")
                            .status())
                    .as("a read-only account sends nothing")
                    .isEqualTo(403);
        } finally {
            mail.stop();
        }
    }

    @Test
    void theSecondQrCodeSetsUpLinphoneOnceWithTheDigestHa1AndItRegisters() throws Exception {
        String name = "Sam & Sons' phone"; // markup in names: LinphoneConfigTest (users may not have < > ")
        assertThat(admin.post("/api/v1/users", user("153", name, "Sip-secret-153", "sam@example.com"))
                        .status())
                .isEqualTo(201);
        int smtpPort = FreePorts.udpAndTcp();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        String url;
        try {
            setup.save(new SetupSettings(
                    DOMAIN, "UTC", null, "127.0.0.1", smtpPort, null, null, "pbx@example.com", false, false));
            assertThat(admin.post("/api/v1/users/153/welcome", "").status()).isEqualTo(200);
            MimeMessage m = mail.getReceivedMessages()[0];
            assertThat(rawText(m)).as("no secret is mailed").doesNotContain("Sip-secret-153");
            MimeMultipart alternative = (MimeMultipart) m.getContent();
            MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
            String html = (String) related.getBodyPart(0).getContent();
            assertThat(html).contains("Set up Linphone on your phone").contains("<img src=\"cid:softphone-qr\"");
            BodyPart image = related.getBodyPart(2);
            assertThat(image.getHeader("Content-ID")[0]).isEqualTo("<softphone-qr>");
            url = decodeQr(image);
            assertThat(url).matches("http://127\\.0\\.0\\.1:" + port + "/prov/linphone/[A-Za-z0-9_-]{43}");
            assertThat((String) alternative.getBodyPart(0).getContent())
                    .as("the plain text gives it too")
                    .contains(url);
        } finally {
            mail.stop();
        }

        HttpResponse<String> fetched = get(url);
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(fetched.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(fetched.body()).doesNotContain("Sip-secret-153").doesNotContain("passwd");
        Document xml = DocumentBuilderFactory.newDefaultNSInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(fetched.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.linphone.org/xsds/lpconfig.xsd");
        Map<String, String> proxy = section(xml, "proxy_0");
        Map<String, String> auth = section(xml, "auth_info_0");
        assertThat(proxy.get("reg_identity")).isEqualTo("\"Sam & Sons' phone\" <sip:153@" + DOMAIN + ">");
        assertThat(proxy.get("reg_proxy"))
                .isEqualTo("<sip:" + sip.advertisedHost() + ":" + sip.port("udp") + ";transport=udp>");
        assertThat(auth)
                .containsEntry("username", "153")
                .containsEntry("realm", DOMAIN)
                .containsEntry("algorithm", "MD5");

        // used up: the same address again, or one nobody was given, is a bare 404 and a failed login of the source
        HttpResponse<String> again = get(url);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> unknown = get(url.substring(0, url.lastIndexOf('/') + 1) + "A".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(again.body());
        assertThat(bans.recorded())
                .containsExactly(
                        "127.0.0.1 provisioning: unknown softphone setup address",
                        "127.0.0.1 provisioning: unknown softphone setup address");

        // Linphone's part, by hand: REGISTER, answer the MD5 challenge with the HA1 alone (RFC 3261 §22.4)
        try (RawSip udp = RawSip.open("UDP", sip.port("udp"))) {
            String uri = "sip:127.0.0.1:" + sip.port("udp");
            SipText challenged = exchange(udp, udp.register(DOMAIN, "153", "linphone-qr-153", 1, null));
            assertThat(challenged.status()).as(challenged.toString()).isEqualTo(401);
            String md5 = challenged.all("www-authenticate").stream()
                    .filter(c -> SipText.digestParams(c)
                            .getOrDefault("algorithm", "MD5")
                            .equalsIgnoreCase("MD5"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no MD5 challenge:\n" + challenged));
            assertThat(SipText.digestParams(md5).get("realm")).isEqualTo(auth.get("realm"));
            SipText registered = exchange(
                    udp,
                    udp.register(
                            DOMAIN,
                            "153",
                            "linphone-qr-153",
                            2,
                            Digest.authorizationFromHa1(md5, auth.get("username"), auth.get("ha1"), "REGISTER", uri)));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        }

        // the portal's button: each new address replaces the user's unused one
        String base = "http://127.0.0.1:" + port + "/";
        String older = softphones.setupUrl("153", base);
        String newer = softphones.setupUrl("153", base);
        assertThat(newer).isNotEqualTo(older).startsWith(base + "prov/linphone/");
        assertThat(get(older).statusCode()).isEqualTo(404);
        assertThat(bans.isBanned("127.0.0.1"))
                .as("the third failure bans the source")
                .isTrue();
        assertThat(get(newer).statusCode())
                .as("a banned source is refused first")
                .isEqualTo(403);
        bans.unban("127.0.0.1");
        assertThat(get(newer).statusCode()).isEqualTo(200);
    }

    /** The portal's "Set up a softphone": a fresh code per press, the older one stops working. */
    @Test
    void thePortalShowsAFreshSoftphoneQrCodeOnEachPress(@TempDir Path work) throws Exception {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        assertThat(admin.post("/api/v1/users", user("155", "Paula Portal", "Sip-secret-155", null))
                        .status())
                .isEqualTo(201);
        webPasswords.set("155", "paula-portal-pw");
        try (Browser browser = new Browser(URI.create("http://127.0.0.1:" + port), work)) {
            browser.logIn("155", "paula-portal-pw");
            browser.awaitPath("/me");
            browser.click("portal-softphone-tab");
            browser.click("softphone-setup");
            browser.until(
                    () -> browser.present(By.cssSelector("img#softphone-qr[src^='data:image/png']")), "a QR code");
            String first = shownQr(browser);
            assertThat(first)
                    .startsWith("http://127.0.0.1:" + port + "/prov/linphone/")
                    .isEqualTo(browser.byId("softphone-setup-url").getDomProperty("value"));
            browser.click("softphone-setup");
            browser.until(
                    () -> !first.equals(browser.byId("softphone-setup-url").getDomProperty("value")), "a new code");
            String second = shownQr(browser);
            assertThat(second)
                    .isNotEqualTo(first)
                    .isEqualTo(browser.byId("softphone-setup-url").getDomProperty("value"));
            assertThat(get(first).statusCode())
                    .as("replaced by the second press")
                    .isEqualTo(404);
            HttpResponse<String> fetched = get(second);
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body())
                    .contains("<entry name=\"username\" overwrite=\"true\">155</entry>")
                    .doesNotContain("Sip-secret-155");
        }
    }

    private static String shownQr(Browser browser) throws Exception {
        String src = browser.byId("softphone-qr").getDomAttribute("src");
        byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
        return decodeQr(ImageIO.read(new ByteArrayInputStream(png)));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .header("User-Agent", "LinphoneAndroid/5.2 (belle-sip/5.2.0)")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static SipText exchange(RawSip udp, String request) {
        SipText sent = SipText.parse(request);
        udp.send(request);
        List<SipText> got = udp.collect(
                r -> r.isResponse()
                        && r.status() >= 200
                        && r.callId().equals(sent.callId())
                        && r.header("cseq").equals(sent.header("cseq")),
                Duration.ofSeconds(5));
        return got.stream()
                .filter(r ->
                        r.isResponse() && r.status() >= 200 && r.header("cseq").equals(sent.header("cseq")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no final answer to\n" + request));
    }

    private static Map<String, String> section(Document doc, String name) {
        NodeList sections = doc.getElementsByTagNameNS("*", "section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element s = (Element) sections.item(i);
            if (!name.equals(s.getAttribute("name"))) continue;
            Map<String, String> entries = new LinkedHashMap<>();
            NodeList list = s.getElementsByTagNameNS("*", "entry");
            for (int j = 0; j < list.getLength(); j++) {
                Element e = (Element) list.item(j);
                entries.put(e.getAttribute("name"), e.getTextContent());
            }
            return entries;
        }
        throw new AssertionError("no section " + name);
    }

    private static String rawText(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String decodeQr(BodyPart png) throws Exception {
        return decodeQr(ImageIO.read(png.getInputStream()));
    }

    private static String decodeQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
    }
}
