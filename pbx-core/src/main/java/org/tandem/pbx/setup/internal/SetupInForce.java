package org.tandem.pbx.setup.internal;

import jakarta.annotation.PostConstruct;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.setup.SetupChanged;

/**
 * Puts the wizard's SIP domain and external host in force: the stored ones at start (before the SIP
 * transports start listening: they start after every bean is made), and new ones on {@link SetupChanged}.
 * The startup flag {@code tandem.domain} stays the default until the wizard saved a domain.
 */
@Component
class SetupInForce {

    private final SettingsRepository settings;
    private final SipDomain domain;
    private final ExternalAddress external;

    SetupInForce(SettingsRepository settings, SipDomain domain, ExternalAddress external) {
        this.settings = settings;
        this.domain = domain;
        this.external = external;
    }

    @PostConstruct
    void applyStored() {
        Map<String, String> stored = settings.all();
        String d = stored.get("sip.domain");
        if (d != null && !d.isBlank()) domain.change(d);
        external.change(stored.get("nat.external-host"));
    }

    @EventListener
    void on(SetupChanged change) {
        domain.change(change.settings().sipDomain());
        external.change(change.settings().externalHost());
    }
}
