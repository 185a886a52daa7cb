/**
 * SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760).
 *
 * <p>Public API: {@link org.tandem.pbx.auth.SipAuthenticator} ({@code authenticateRegister} → 401,
 * {@code authenticateProxied} → 407), its {@link org.tandem.pbx.auth.AuthOutcome}, and the settings
 * {@link org.tandem.pbx.auth.DigestProperties} ({@code tandem.auth.nonce-lifetime},
 * {@code tandem.auth.algorithms}). Callers never challenge CANCEL or ACK. Failures are reported to
 * {@link org.tandem.pbx.security.BanRegistry}.
 */
package org.tandem.pbx.auth;
