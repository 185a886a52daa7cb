package org.tandem.pbx.config;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP domain in force: the host of the users' addresses ({@code sip:101@domain}) and the digest
 * realm (RFC 3261 §22.1). The one place that holds it: everything that needs the domain asks here per
 * request, never keeps a copy. It starts as {@code tandem.domain} (the startup flag) and follows the
 * domain saved in the setup wizard (the setup feature calls {@link #change} at start and on
 * {@code SetupChanged}), so a new domain takes effect without a restart.
 */
public final class SipDomain {

    private static final Logger log = LoggerFactory.getLogger(SipDomain.class);

    private volatile String current;

    public SipDomain(String initial) {
        this.current = Objects.requireNonNull(initial).strip();
    }

    /** The domain as the admin wrote it (also the realm phones see in challenges). */
    public String current() {
        return current;
    }

    /** True when {@code host} is the domain in force (host names compare without case). */
    public boolean is(String host) {
        // RFC 3261 §19.1.4: hosts compare without case; no lower-cased copies (asked for every request)
        return host != null && current.equalsIgnoreCase(host);
    }

    public void change(String domain) {
        String d = Objects.requireNonNull(domain).strip();
        if (d.isEmpty() || d.equals(current)) return;
        log.info("SIP domain (and digest realm) is now '{}', was '{}'", d, current);
        current = d;
    }
}
