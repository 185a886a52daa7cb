package org.tandem.appliance.api.users;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.welcome.WelcomeMail;

/**
 * {@code POST /api/v1/users/{extension}/welcome}: sends the user the welcome e-mail (issue 17) with a one-time link to
 * choose their portal password. Its links use this request's address, as the admin reached the appliance (an admin
 * on {@code localhost} would send links that work only there: use the appliance's LAN address).
 */
@RestController
public class WelcomeMailController {

    /** @param sent whether the mail server took it; {@code serverAnswer} its own words (or why not) */
    public record WelcomeResult(boolean sent, String serverAnswer, String to) {}

    private final WelcomeMail welcome;
    private final UserDirectory users;

    public WelcomeMailController(WelcomeMail welcome, UserDirectory users) {
        this.welcome = welcome;
        this.users = users;
    }

    @PostMapping(path = "/api/v1/users/{extension}/welcome", produces = "application/json")
    public WelcomeResult send(@PathVariable String extension) {
        String base =
                ServletUriComponentsBuilder.fromCurrentContextPath().path("/").toUriString();
        SmtpOutcome outcome = welcome.send(extension, base)
                .orElseThrow(() ->
                        new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them"));
        return new WelcomeResult(
                outcome.sent(),
                outcome.serverAnswer(),
                users.find(extension).map(User::email).orElse(null));
    }
}
