package org.tandem.pbx.presence.internal;

import java.util.Optional;

/**
 * Where a user's presence authorization rules (RFC 5025 pres-rules documents) are kept: the XCAP server's store. No
 * source, or no document for a user, means the domain's default: every local user sees everything.
 */
@FunctionalInterface
interface PresRulesSource {

    /** The user's pres-rules document (application/auth-policy+xml), when the user stored one. */
    Optional<String> rulesOf(String user);
}
