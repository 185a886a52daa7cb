package org.tandem.pbx.trunk;

import java.time.Instant;

/**
 * Where a trunk's outbound registration stands.
 *
 * @param reason    why it failed (the provider's status and reason phrase, or a timeout), else null
 * @param expiresAt when the current registration runs out, else null
 * @param nextTry   when the client sends its next REGISTER (refresh or retry), else null
 */
public record TrunkRegistrationStatus(String trunk, State state, String reason, Instant expiresAt, Instant nextTry) {

    public enum State {
        DISABLED,
        REGISTERING,
        REGISTERED,
        FAILED
    }
}
