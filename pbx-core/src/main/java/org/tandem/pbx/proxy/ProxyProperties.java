package org.tandem.pbx.proxy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Proxy settings ({@code tandem.proxy.*}).
 *
 * @param anonymousInbound serve out-of-dialog requests to local users from callers who are not local
 *                         users (a foreign From domain) without authentication, as plain SIP URI dialling
 *                         does. Off: anyone who can reach the appliance could ring every phone
 *                         and, from 404 versus 480, tell which extensions exist. Calls from providers come
 *                         in through trunks, not through this door.
 * @param dialogIdleTimeout how long a dialog routed through us stays known without any in-dialog request (issue
 *                         22: our Record-Route is honoured only for known, live dialogs); 12 h, like Kamailio's
 *                         dialog timeout: a long call without re-INVITEs must still be hung up
 * @param udpShortcut      challenge a call's first INVITE over UDP, and absorb the ACK of that challenge, from their
 *                         datagrams before the SIP stack parses them (the common forms phones send): the same answers
 *                         with less CPU (issue 23). Off: they go through the stack
 */
@ConfigurationProperties("tandem.proxy")
public record ProxyProperties(
        @DefaultValue("false") boolean anonymousInbound,
        @DefaultValue("12h") Duration dialogIdleTimeout,
        @DefaultValue("true") boolean udpShortcut) {

    public ProxyProperties {
        if (dialogIdleTimeout == null)
            dialogIdleTimeout = PropertyDefaults.of(ProxyProperties.class, "dialogIdleTimeout");
    }
}
