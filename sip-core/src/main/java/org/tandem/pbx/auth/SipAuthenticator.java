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

    /**
     * Whether the request carries digest credentials for our realm (Authorization for a REGISTER, else
     * Proxy-Authorization). Without them the only answer is the challenge, which needs no transaction state:
     * RFC 3261 §8.2.7 names issuing unauthenticated challenges as the work of a stateless UAS (a retransmission
     * is simply challenged again), so callers send it without a server transaction and the stack does not keep
     * the request for Timer J's 32 s (issue 23).
     */
    boolean hasCredentials(InboundRequest request);

    /**
     * What {@link #authenticateRegister} answers a REGISTER (401), and {@link #authenticateProxied} a proxied request
     * (407), without credentials for our realm from {@code sourceAddress} (a fresh nonce issued to it), for a caller
     * that writes the answer itself ({@code DatagramShortcut}).
     *
     * @param userAgent the request's User-Agent value (null: none), which decides whether SHA-256 is offered
     */
    DigestChallenge freshChallenge(String sourceAddress, String userAgent);

    /**
     * What {@link #authenticateRegister} decides for a REGISTER over UDP carrying {@code credentials} for our realm, for
     * a caller that writes the answer itself: the same checks, logs, nonce counts and bans.
     *
     * @param requestUri the REGISTER's Request-URI as written
     * @param aorUser the user of its To (RFC 3261 §10.3 step 4: the credentials must be that user's)
     */
    DigestDecision decideRegister(
            DigestCredentials credentials,
            String requestUri,
            String aorUser,
            String sourceAddress,
            int sourcePort,
            String userAgent);
}
