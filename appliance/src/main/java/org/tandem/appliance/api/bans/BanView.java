package org.tandem.appliance.api.bans;

import java.time.Instant;
import org.tandem.pbx.security.Ban;

/** A banned source address: requests from it are dropped (SIP) or refused (HTTP 403) until {@code until}. */
public record BanView(String address, Instant bannedAt, Instant until, String reason, int failures) {

    static BanView of(Ban b) {
        return new BanView(b.address(), b.bannedAt(), b.until(), b.reason(), b.failures());
    }
}
