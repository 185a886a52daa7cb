/**
 * Brute-force protection and secrets at rest.
 *
 * <p>Public API: {@link org.tandem.pbx.security.BanRegistry} ({@code recordFailure}, {@code isBanned},
 * {@code current}, {@code unban}, {@code allowList}) with {@link org.tandem.pbx.security.Ban}; settings
 * {@link org.tandem.pbx.security.SecurityProperties} ({@code tandem.security.*}). The implementation is
 * also the SIP {@link org.tandem.pbx.sip.InboundFilter}: banned sources are dropped unanswered.
 */
package org.tandem.pbx.security;
