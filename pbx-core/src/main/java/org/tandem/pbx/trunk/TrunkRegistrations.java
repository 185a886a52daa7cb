package org.tandem.pbx.trunk;

import java.util.Optional;

/** The outbound registration client (RFC 3261 §10.2 as a UAC), as the API sees it. */
public interface TrunkRegistrations {

    /** The status of the trunk's registration; empty when there is no such trunk. */
    Optional<TrunkRegistrationStatus> status(String trunk);
}
