package org.tandem.pbx.security;

import java.util.List;

/**
 * Addresses banned after repeated authentication failures (SIP digest now; web and provisioning
 * logins later report here too). Implemented by the SIP security feature; read by the API and UI.
 */
public interface BanRegistry {

    /** Records one failed authentication from {@code address}; may ban it. */
    void recordFailure(String address, String what);

    boolean isBanned(String address);

    List<Ban> current();

    /** @return false when the address was not banned */
    boolean unban(String address);

    /** Addresses never banned (admin's allow-list), as configured. */
    List<String> allowList();
}
