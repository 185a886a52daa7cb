package org.tandem.pbx.welcome;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.mail.SmtpMail;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The welcome e-mail a new user gets (issue 17): their extension, a one-time link to choose their own portal
 * password ({@link PasswordLinks}: no password is ever mailed), the portal's address with a QR code to open it on a
 * mobile, how to reach their voicemail, and a second QR code that sets up Linphone on their phone ({@link
 * SoftphoneSetup}: a one-time address from which the app fetches its account, SIP credentials as a digest HA1).
 * Blocking (SMTP): call it from a request or IO thread, never a SIP thread.
 */
@Service
public class WelcomeMail {

    private final UserDirectory users;
    private final PasswordLinks links;
    private final ApplianceSetup setup;
    private final SmtpMail mail;
    private final SipDomain domain;
    private final RoutingDirectory routing;
    private final SipTransports transports;
    /** The provisioning module offers the softphone; pbx-core's test application has none (no softphone paragraph). */
    private final ObjectProvider<SoftphoneSetup> softphones;

    public WelcomeMail(
            UserDirectory users,
            PasswordLinks links,
            ApplianceSetup setup,
            SmtpMail mail,
            SipDomain domain,
            RoutingDirectory routing,
            SipTransports transports,
            ObjectProvider<SoftphoneSetup> softphones) {
        this.users = users;
        this.links = links;
        this.setup = setup;
        this.mail = mail;
        this.domain = domain;
        this.routing = routing;
        this.transports = transports;
        this.softphones = softphones;
    }

    /**
     * Sends it to the user's e-mail address.
     *
     * @param baseUrl the web UI's address as the admin reached it (links are made from it), ending in '/'
     * @return empty when there is no such user; else what the mail server answered
     * @throws InvalidInputException {@code email} when the user has no address, {@code smtpHost} without SMTP
     */
    public Optional<SmtpOutcome> send(String extension, String baseUrl) {
        Optional<User> found = users.find(extension);
        if (found.isEmpty()) return Optional.empty();
        User user = found.get();
        if (user.email() == null || user.email().isBlank()) {
            throw new InvalidInputException("email", "welcome.no-email", extension);
        }
        SetupSettings smtp = setup.current();
        if (smtp.smtpHost() == null) {
            throw new InvalidInputException("smtpHost", "welcome.no-smtp");
        }
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        SoftphoneSetup softphone = softphones.getIfAvailable();
        Content content = content(
                user,
                base + "welcome?token=" + links.issue(extension),
                base + "login",
                softphone == null ? null : new Softphone(softphone.appName(), softphone.setupUrl(extension, base)));
        return Optional.of(mail.send(smtp, m -> {
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(user.email(), true));
            m.setSubject("Welcome: your phone extension " + extension, "UTF-8");
            m.setContent(content.multipart());
        }));
    }

    /** The softphone app and its one-time setup address. */
    record Softphone(String app, String setupUrl) {}

    /**
     * The message in plain text and HTML, with the QR codes inline: the portal's address, and the softphone's setup
     * address (null without one).
     */
    record Content(String text, String html, byte[] qrPng, byte[] softphoneQrPng) {
        MimeMultipart multipart() throws MessagingException {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html, "UTF-8", "html");
            // RFC 2387: the HTML and the images it shows by cid: belong together; RFC 2046 §5.1.4: text or HTML
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(htmlPart);
            related.addBodyPart(inlinePng(qrPng, "portal-qr", "portal.png"));
            if (softphoneQrPng != null) related.addBodyPart(inlinePng(softphoneQrPng, "softphone-qr", "softphone.png"));
            MimeBodyPart relatedPart = new MimeBodyPart();
            relatedPart.setContent(related);
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(relatedPart);
            return alternative;
        }

        /** RFC 2392: the image the HTML names as cid:{@code id}. */
        private static MimeBodyPart inlinePng(byte[] png, String id, String fileName) throws MessagingException {
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
            image.setContentID("<" + id + ">");
            image.setDisposition(MimeBodyPart.INLINE);
            image.setFileName(fileName);
            return image;
        }
    }

    Content content(User user, String passwordLink, String loginUrl, Softphone softphone) {
        String server = transports.advertisedHost();
        int port = transports.port("udp");
        String voicemail =
                routing.featureCodes().getOrDefault(Feature.VOICEMAIL_OWN, Feature.VOICEMAIL_OWN.defaultCode());
        long days = PasswordLinks.VALID_FOR.toDays();
        String text = "Hello " + user.displayName() + ",\n\n"
                + "your phone extension is " + user.extension() + ".\n\n"
                + "1. Choose your password for the self-service portal (voicemail, call forwarding, call log, and your "
                + "browser as a phone). This link works once, for " + days + " days:\n   " + passwordLink + "\n\n"
                + "2. Then log in at " + loginUrl + " with " + user.extension() + " and that password. On a mobile, "
                + "scan the QR code in this e-mail to open the same address.\n\n"
                + "Your voicemail: dial " + voicemail + " from your phone.\n\n"
                + (softphone == null
                        ? ""
                        : "Set up " + softphone.app() + " on your phone: install " + softphone.app()
                                + ", choose \"Fetch remote configuration\" and scan the second QR code in this e-mail, or open this "
                                + "address in it. It works once, for " + SoftphoneLinks.VALID_FOR.toDays()
                                + " days; the portal makes "
                                + "a new one (\"Set up a softphone\"):\n   " + softphone.setupUrl() + "\n\n")
                + "Another softphone app on your computer or mobile: server " + server + ", port " + port + ", domain "
                + domain.current() + ", user name " + user.extension() + "; your administrator gives you its SIP "
                + "password. Or use the portal's Phone tab: the browser becomes your phone.\n";
        String html = "<p>Hello " + esc(user.displayName()) + ",</p>"
                + "<p>your phone extension is <b>" + esc(user.extension()) + "</b>.</p><ol>"
                + "<li><p><a href=\"" + esc(passwordLink) + "\">Choose your password for the self-service portal</a> "
                + "(voicemail, call forwarding, call log, and your browser as a phone). This link works once, for "
                + days + " days.</p></li>"
                + "<li><p>Then log in at <a href=\"" + esc(loginUrl) + "\">" + esc(loginUrl) + "</a> with "
                + esc(user.extension()) + " and that password. On a mobile, scan this code to open it:</p>"
                + "<p><img src=\"cid:portal-qr\" alt=\"QR code of " + esc(loginUrl)
                + "\" width=\"200\" height=\"200\"></p></li></ol>"
                + "<p>Your voicemail: dial <b>" + esc(voicemail) + "</b> from your phone.</p>"
                + (softphone == null
                        ? ""
                        : "<h3>Set up " + esc(softphone.app()) + " on your phone</h3><p>Install "
                                + esc(softphone.app())
                                + ", choose <i>Fetch remote configuration</i> and scan this code (or open <a href=\""
                                + esc(softphone.setupUrl()) + "\">this address</a> in it). It works once, for "
                                + SoftphoneLinks.VALID_FOR.toDays()
                                + " days; the portal makes a new one (<i>Set up a softphone</i>).</p>"
                                + "<p><img src=\"cid:softphone-qr\" alt=\"QR code that sets up " + esc(softphone.app())
                                + "\" width=\"200\" height=\"200\"></p>")
                + "<p>Another softphone app on your computer or mobile: server <b>" + esc(server) + "</b>, port " + port
                + ", domain " + esc(domain.current()) + ", user name <b>" + esc(user.extension()) + "</b>; your "
                + "administrator gives you its SIP password. Or use the portal's Phone tab: the browser becomes your phone.</p>";
        return new Content(
                text,
                html,
                QrCode.png(loginUrl, 400),
                softphone == null ? null : QrCode.png(softphone.setupUrl(), 400));
    }

    /** Text in HTML content and attribute values (HTML 5 §13.1.2.6: &, <, > and the attribute's quote). */
    static String esc(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;")
                        .replace("'", "&#39;");
    }
}
