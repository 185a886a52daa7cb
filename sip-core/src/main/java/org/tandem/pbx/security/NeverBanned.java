package org.tandem.pbx.security;

import java.util.Optional;

/**
 * Addresses another feature needs to stay reachable whatever fails from them, such as a trunk's provider: a
 * ban would stop every call in and out (Asterisk's security guide and Kamailio's fail2ban recipes exempt the
 * carrier's addresses for the same reason). Failures from them are logged, not counted.
 */
public interface NeverBanned {

    /** Why {@code address} must never be banned ("provider of trunk sipgate"), or empty. Non-blocking, from memory. */
    Optional<String> why(String address);
}
