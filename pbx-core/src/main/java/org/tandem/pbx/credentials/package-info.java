/**
 * The one store of web passwords: admin accounts' (admin UI, REST API) and users' (portal, XCAP), hashed with bcrypt,
 * checked at every door through the one lockout and ban path.
 *
 * <p>Public API: {@link org.tandem.pbx.credentials.WebCredentials} ({@code login} for a door, {@code verifyCurrent}
 * for a password change, {@code hash} for a new password, {@code passwordRule}), {@link org.tandem.pbx.credentials.WebLogin}
 * and the event {@link org.tandem.pbx.credentials.LoginFailed}. The accounts themselves belong to their features
 * (admin accounts to the appliance, users to {@code directory}); this feature reads and checks their hashes only.
 * The web UI's form login and the REST API's HTTP Basic each adapt it to Spring Security in a few lines.
 */
package org.tandem.pbx.credentials;
