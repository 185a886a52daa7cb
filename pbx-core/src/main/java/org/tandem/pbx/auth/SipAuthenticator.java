package org.tandem.pbx.auth;

import org.tandem.pbx.sip.InboundRequest;

/**
 * Digest authentication of requests from local users (RFC 3261 §22, RFC 7616, RFC 8760).
 * Non-blocking: credentials come from memory.
 */
public interface SipAuthenticator {

    /** REGISTER: Authorization / WWW-Authenticate, 401 (RFC 3261 §22.2). */
    AuthOutcome authenticateRegister(InboundRequest request);

    /** Requests a proxy serves for a local user: Proxy-Authorization / Proxy-Authenticate, 407 (§22.3). */
    AuthOutcome authenticateProxied(InboundRequest request);
}
