package org.tandem.appliance.api.setup;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;

/**
 * {@code /api/v1/setup}: the setup wizard's settings over the API — SIP domain, time zone, the public address for
 * parties outside the LAN (NAT: the media relay's and trunk gateway's address towards them), SMTP. PUT replaces them
 * all and applies them at once, as the wizard does; bad values get 400 naming each field. The SMTP password is never
 * returned, and a PUT without one keeps the saved one.
 */
@RestController
@RequestMapping(path = "/api/v1/setup", produces = "application/json")
public class SetupController {

    /**
     * @param externalHostInForce the public address in use now: the saved one, else {@code --tandem.external-address}
     */
    public record SetupView(
            boolean done,
            String sipDomain,
            String timeZone,
            String externalHost,
            String externalHostInForce,
            String smtpHost,
            int smtpPort,
            String smtpUsername,
            boolean smtpPasswordSet,
            String mailFrom,
            boolean smtpStartTls,
            boolean smtpImplicitTls,
            String language) {}

    /**
     * Fields left out: no external host, no SMTP (port 587, STARTTLS; implicit TLS on 465), the saved password, the
     * saved language (the system language of the prompts: en, de, fr or es).
     */
    public record SetupRequest(
            String sipDomain,
            String timeZone,
            String externalHost,
            String smtpHost,
            Integer smtpPort,
            String smtpUsername,
            String smtpPassword,
            String mailFrom,
            Boolean smtpStartTls,
            Boolean smtpImplicitTls,
            String language) {}

    private final ApplianceSetup setup;
    private final ExternalAddress external;

    public SetupController(ApplianceSetup setup, ExternalAddress external) {
        this.setup = setup;
        this.external = external;
    }

    @GetMapping
    public SetupView get() {
        return view(setup.current());
    }

    @PutMapping(consumes = "application/json")
    public SetupView put(@RequestBody SetupRequest r) {
        int port = r.smtpPort() == null ? 587 : r.smtpPort();
        String password =
                r.smtpPassword() != null ? r.smtpPassword() : setup.current().smtpPassword();
        SetupSettings saved = setup.save(new SetupSettings(
                r.sipDomain(),
                r.timeZone(),
                r.externalHost(),
                r.smtpHost(),
                port,
                r.smtpUsername(),
                password,
                r.mailFrom(),
                r.smtpStartTls() == null ? port != 465 : r.smtpStartTls(),
                r.smtpImplicitTls() == null ? port == 465 : r.smtpImplicitTls(),
                r.language()));
        return view(saved);
    }

    private SetupView view(SetupSettings s) {
        return new SetupView(
                setup.done(),
                s.sipDomain(),
                s.timeZone(),
                s.externalHost(),
                external.host().orElse(null),
                s.smtpHost(),
                s.smtpPort(),
                s.smtpUsername(),
                s.smtpPassword() != null,
                s.mailFrom(),
                s.smtpStartTls(),
                s.smtpImplicitTls(),
                s.language());
    }
}
