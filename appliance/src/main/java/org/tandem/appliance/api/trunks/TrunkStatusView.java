package org.tandem.appliance.api.trunks;

import java.time.Instant;
import java.util.Locale;
import org.tandem.pbx.trunk.TrunkRegistrationStatus;

/**
 * {@code GET /api/v1/trunks/{id}/status}: {@code registration} is disabled, registering, registered or
 * failed; {@code reason} says why it failed; {@code nextTry} is the next REGISTER (refresh or retry).
 */
public record TrunkStatusView(String trunk, String registration, String reason, Instant expiresAt, Instant nextTry) {

    static TrunkStatusView of(TrunkRegistrationStatus s) {
        return new TrunkStatusView(
                s.trunk(), s.state().name().toLowerCase(Locale.ROOT), s.reason(), s.expiresAt(), s.nextTry());
    }
}
