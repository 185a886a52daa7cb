package org.tandem.webui.setup;

import org.springframework.stereotype.Component;
import org.tandem.pbx.mail.SmtpMail;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.setup.SetupSettings;

/**
 * The wizard's "send test e-mail": one test e-mail with the wizard's (unsaved) SMTP settings through
 * pbx-core's {@link SmtpMail} (the same service the API's test endpoint and voicemail e-mail use),
 * reporting the server's own last answer or exactly why it failed.
 */
@Component
public class TestEmail {

    public record Outcome(boolean sent, String serverAnswer) {}

    private final SmtpMail mail;

    public TestEmail(SmtpMail mail) {
        this.mail = mail;
    }

    public Outcome send(SetupSettings smtp, String to) {
        SmtpOutcome outcome = mail.sendTest(smtp, to);
        return new Outcome(outcome.sent(), outcome.serverAnswer());
    }
}
