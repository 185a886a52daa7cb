package org.tandem.appliance.api.setup;

import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.mail.SmtpMail;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * {@code POST /api/v1/settings/smtp/test {"to":"me@example.com"}}: sends a test e-mail with the saved SMTP
 * settings and answers with the SMTP server's exact answer ({@code sent}, {@code serverAnswer}) — the
 * same service as the setup wizard's button.
 */
@RestController
@RequestMapping(path = "/api/v1/settings/smtp", produces = "application/json")
public class SmtpTestController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    public record TestRequest(String to) {}

    public record TestResult(boolean sent, String serverAnswer, String smtpHost, int smtpPort) {}

    private final ApplianceSetup setup;
    private final SmtpMail mail;

    public SmtpTestController(ApplianceSetup setup, SmtpMail mail) {
        this.setup = setup;
        this.mail = mail;
    }

    @PostMapping(path = "/test", consumes = "application/json")
    public TestResult test(@RequestBody TestRequest request) {
        if (request.to() == null || !EMAIL.matcher(request.to().strip()).matches()) {
            throw new InvalidInputException("to", "setup-wizard.test-mail-to");
        }
        SetupSettings smtp = setup.current();
        if (smtp.smtpHost() == null) {
            throw new InvalidInputException("smtpHost", "welcome.no-smtp");
        }
        SmtpOutcome outcome = mail.sendTest(smtp, request.to().strip());
        return new TestResult(outcome.sent(), outcome.serverAnswer(), smtp.smtpHost(), smtp.smtpPort());
    }
}
