package org.tandem.pbx.security;

import java.util.List;

/**
 * Addresses banned after repeated authentication failures (SIP digest, web and API logins, provisioning,
 * voicemail PINs report here). Implemented by the SIP security feature; read by the API and UI.
 *
 * <p>Reporters report only failures that cannot be spoofed cheaply (issue 22 finding 5): a wrong answer to a
 * digest nonce issued to that very address, a failure on a TCP/TLS connection or an HTTP request, a wrong PIN in
 * an answered call. Never a single UDP packet whose source nobody checked. IPv6 addresses count and are banned
 * per /64.
 */
public interface BanRegistry {

    /** Records one failed authentication from {@code address}; may ban it (and then logs why). */
    void recordFailure(String address, String what);

    /**
     * {@code address} just authenticated (a right digest answer to a nonce issued to it): it is left out of the
     * rate limit on unauthenticated requests for a while. Does not forget its failures.
     */
    default void recordAuthenticated(String address) {}

    /** True while requests from {@code address} (or, for IPv6, its /64) are dropped. */
    boolean isBanned(String address);

    List<Ban> current();

    /**
     * @param address the banned address, or for IPv6 its /64 as listed or any address inside it
     * @return false when the address was not banned
     */
    boolean unban(String address);

    /** Addresses never banned (admin's allow-list), as configured. */
    List<String> allowList();

    /** True when {@code address} is on the admin's allow-list (never banned, never locked out). */
    default boolean allowListed(String address) {
        return false;
    }
}
