package org.tandem.webui.setup;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.stereotype.Component;
import org.tandem.pbx.setup.SetupSettings;

/**
 * Sends one test e-mail with the wizard's SMTP settings and reports the server's own last answer
 * (e.g. {@code 250 2.0.0 Ok: queued as 4F2}) or exactly why it failed, so an admin can fix the
 * settings before voicemail mail depends on them. Bounded: 10 s to connect, 20 s per answer.
 */
@Component
public class TestEmail {

    public record Outcome(boolean sent, String serverAnswer) {
    }

    public Outcome send(SetupSettings smtp, String to) {
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.smtpHost());
        p.put("mail.smtp.port", Integer.toString(smtp.smtpPort()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.writetimeout", "20000");
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.smtpStartTls()));
        p.put("mail.smtp.auth", Boolean.toString(smtp.smtpUsername() != null));
        Session session = Session.getInstance(p);
        try (Transport transport = session.getTransport("smtp")) {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.mailFrom(), true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject("Tandem test e-mail");
            message.setText("This is a test e-mail from your Tandem phone system. Mail delivery works.");
            transport.connect(smtp.smtpHost(), smtp.smtpPort(), smtp.smtpUsername(), smtp.smtpPassword());
            transport.sendMessage(message, message.getAllRecipients());
            String answer = transport instanceof SMTPTransport t ? t.getLastServerResponse() : "sent";
            return new Outcome(true, answer == null ? "sent" : answer.strip());
        } catch (SMTPSendFailedException e) {
            return new Outcome(false, e.getReturnCode() + " " + e.getMessage().strip());
        } catch (MessagingException e) {
            return new Outcome(false, describe(e));
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()).strip());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(": ").append(c.getClass().getSimpleName()).append(' ').append(String.valueOf(c.getMessage()).strip());
        }
        return sb.toString();
    }
}
