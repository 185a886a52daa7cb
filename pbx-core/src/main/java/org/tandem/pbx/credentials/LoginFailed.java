package org.tandem.pbx.credentials;

import java.time.Instant;

/**
 * A web password was refused at one of the doors (for the Security page's list of failed logins).
 *
 * @param name          the name tried, cleaned for display (no control characters, at most 64 characters)
 * @param source        the address the try came from
 * @param door          where: {@code web login} (admin UI, portal), {@code api login}, {@code XCAP login}
 * @param accountLocked the name was locked for that source at the time of this try
 */
public record LoginFailed(Instant at, String name, String source, String door, boolean accountLocked) {}
