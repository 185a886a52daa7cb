package org.tandem.pbx.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.stereotype.Service;
import org.tandem.pbx.setup.SetupSettings;

/**
 * Sends one e-mail with given SMTP settings and reports the server's own last answer (e.g.
 * {@code 250 2.0.0 Ok: queued as 4F2}) or exactly why it failed. Blocking and bounded (10 s to connect,
 * 20 s per answer): call it from an IO thread. STARTTLS (RFC 3207) or implicit TLS (RFC 8314) as set.
 */
@Service
public class SmtpMail {

    /** Fills in a message: subject, recipients, body, attachments (the From address is set already). */
    @FunctionalInterface
    public interface Composer {
        void compose(MimeMessage message) throws MessagingException;
    }

    /** The wizard's / API's test e-mail to {@code to}. */
    public SmtpOutcome sendTest(SetupSettings smtp, String to) {
        return send(smtp, m -> {
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            m.setSubject("Tandem test e-mail");
            m.setText("This is a test e-mail from your Tandem phone system. Mail delivery works.");
        });
    }

    public SmtpOutcome send(SetupSettings smtp, Composer composer) {
        if (smtp.smtpHost() == null) {
            return new SmtpOutcome(false, false, "No SMTP server is set up; enter one in the setup wizard");
        }
        String protocol = smtp.smtpImplicitTls() ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", smtp.smtpHost());
        p.put("mail." + protocol + ".port", Integer.toString(smtp.smtpPort()));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "20000");
        p.put("mail." + protocol + ".writetimeout", "20000");
        boolean startTls = smtp.smtpStartTls() && !smtp.smtpImplicitTls();
        p.put("mail." + protocol + ".starttls.enable", Boolean.toString(startTls));
        // STARTTLS chosen means STARTTLS or nothing (RFC 3207 §6, RFC 8314 §3.2): a server, or an attacker in the
        // path, that does not offer it gets neither the password nor the mail in clear text.
        p.put("mail." + protocol + ".starttls.required", Boolean.toString(startTls));
        p.put("mail." + protocol + ".auth", Boolean.toString(smtp.smtpUsername() != null));
        Session session = Session.getInstance(p);
        try (Transport transport = session.getTransport(protocol)) {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.mailFrom(), true));
            composer.compose(message);
            transport.connect(smtp.smtpHost(), smtp.smtpPort(), smtp.smtpUsername(), smtp.smtpPassword());
            transport.sendMessage(message, message.getAllRecipients());
            String answer = transport instanceof SMTPTransport t ? t.getLastServerResponse() : null;
            return new SmtpOutcome(true, false, answer == null ? "sent" : answer.strip());
        } catch (SMTPSendFailedException | SMTPAddressFailedException | SMTPSenderFailedException e) {
            int code = code(e);
            return new SmtpOutcome(false, code >= 500, describe(e));
        } catch (AuthenticationFailedException e) {
            String answer = describe(e);
            return new SmtpOutcome(false, answer.startsWith("5"), answer);
        } catch (MessagingException e) {
            if (startTls && String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
                return new SmtpOutcome(
                        false,
                        false,
                        "The SMTP server " + smtp.smtpHost() + ":" + smtp.smtpPort()
                                + " does not offer STARTTLS, which is required: nothing was sent. Check the server and port "
                                + "(587 with STARTTLS, 465 with implicit TLS); turn STARTTLS off only for a server on a trusted "
                                + "network");
            }
            return new SmtpOutcome(false, false, describe(e));
        }
    }

    private static int code(MessagingException e) {
        if (e instanceof SMTPSendFailedException s) return s.getReturnCode();
        if (e instanceof SMTPAddressFailedException a) return a.getReturnCode();
        if (e instanceof SMTPSenderFailedException f) return f.getReturnCode();
        return 0;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()).strip());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(": ")
                    .append(c.getClass().getSimpleName())
                    .append(' ')
                    .append(String.valueOf(c.getMessage()).strip());
        }
        return sb.toString();
    }
}
