/**
 * Brute-force protection and secrets at rest.
 *
 * <p>Public API: {@link org.tandem.pbx.security.BanRegistry} ({@code recordFailure}, {@code isBanned},
 * {@code current}, {@code unban}, {@code allowList}) with {@link org.tandem.pbx.security.Ban}; settings
 * {@link org.tandem.pbx.security.SecurityProperties} ({@code tandem.security.*}) and
 * {@link org.tandem.pbx.security.RateLimitProperties} ({@code tandem.security.rate-limit.*});
 * {@link org.tandem.pbx.security.NeverBanned}, which other features implement for addresses that must stay
 * reachable (trunk providers); {@link org.tandem.pbx.security.AccountLockouts}, the login lockout per name and
 * source. The implementation is also the SIP {@link org.tandem.pbx.sip.InboundFilter}: banned sources, and
 * unauthenticated sources over the rate limit, are dropped unanswered. IPv6 sources count per /64.
 */
package org.tandem.pbx.security;
