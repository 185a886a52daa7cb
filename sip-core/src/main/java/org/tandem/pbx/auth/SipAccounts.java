package org.tandem.pbx.auth;

import java.util.Optional;

/**
 * The accounts a digest answer is checked against: the SIP secret of a user name (RFC 3261 §22.4, the password
 * that HA1 is computed from). A port of the SIP core: the PBX's user directory implements it. Asked on the SIP
 * stripe, so it answers from memory.
 */
public interface SipAccounts {

    /** The SIP secret of {@code user} (an extension), empty when there is no such account. */
    Optional<String> sipSecret(String user);
}
