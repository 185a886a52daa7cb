package org.tandem.appliance.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.tandem.pbx.security.BanRegistry;

/**
 * Reports every failed API login to the {@link BanRegistry}, the same one SIP digest failures go to,
 * so an address guessing passwords is banned whichever door it knocks on.
 */
@Component
class FailedLoginReporter {

    private static final Logger log = LoggerFactory.getLogger(FailedLoginReporter.class);

    private final ObjectProvider<BanRegistry> bans;

    FailedLoginReporter(ObjectProvider<BanRegistry> bans) {
        this.bans = bans;
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details)) return;
        String address = details.getRemoteAddress();
        // the name is logged (it helps spot a scanner's dictionary), the password never is
        log.warn("Failed API login as '{}' from {}", printable(event.getAuthentication().getName()), address);
        BanRegistry registry = bans.getIfAvailable();
        if (registry != null) {
            registry.recordFailure(address, "api login");
        }
    }

    /** The name comes from the attacker: no control characters into the log, and not too much of it. */
    private static String printable(String name) {
        String s = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
