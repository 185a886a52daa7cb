/**
 * Digest authentication (RFC 3261 §22, RFC 7616, RFC 8760), one implementation for SIP and HTTP.
 *
 * <p>Public API: {@link org.tandem.pbx.auth.SipAuthenticator} ({@code authenticateRegister} → 401,
 * {@code authenticateProxied} → 407), its {@link org.tandem.pbx.auth.AuthOutcome}, and the settings
 * {@link org.tandem.pbx.auth.DigestProperties} ({@code tandem.auth.nonce-lifetime},
 * {@code tandem.auth.algorithms}). Callers never challenge CANCEL or ACK. Failures are reported to
 * {@link org.tandem.pbx.security.BanRegistry}. The accounts come through two ports the PBX's user directory
 * implements: {@link org.tandem.pbx.auth.SipAccounts} (a user's SIP secret) and the event
 * {@link org.tandem.pbx.auth.SipAccountChanged}.
 *
 * <p>The protocol-neutral core, also used by the HTTP logins (provisioning's {@code HttpDigest}, XCAP):
 * {@link org.tandem.pbx.auth.Nonces} (self-validating nonces, one instance = one key = one nonce space),
 * {@link org.tandem.pbx.auth.DigestVerifier} (realm, algorithm, qop, nonce, response, nonce count) over
 * {@link org.tandem.pbx.auth.DigestCredentials}, and the arithmetic of {@link org.tandem.pbx.auth.DigestAlgorithm}.
 * The caller parses its header and compares the digest-uri with its own Request-URI or request-target.
 */
package org.tandem.pbx.auth;
