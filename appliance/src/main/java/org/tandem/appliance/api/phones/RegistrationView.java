package org.tandem.appliance.api.phones;

import java.time.Duration;
import java.time.Instant;
import org.tandem.pbx.registrar.Binding;

/**
 * One current binding (RFC 3261 §10.3) as the API shows it. {@code sourceAddress}/{@code sourcePort}
 * are where the REGISTER really came from (behind NAT they differ from the Contact), and where calls
 * for this contact are sent. {@code expires} is the number of seconds left.
 */
public record RegistrationView(
        String aor,
        String contact,
        String sourceAddress,
        int sourcePort,
        String transport,
        String userAgent,
        long expires,
        Instant expiresAt,
        Instant registeredAt) {

    static RegistrationView of(Binding b, String domain, Instant now) {
        long left = Math.max(0, Duration.between(now, b.expiresAt()).toSeconds());
        return new RegistrationView(
                "sip:" + b.extension() + "@" + domain,
                b.contactUri(),
                b.sourceAddress(),
                b.sourcePort(),
                b.transport(),
                b.userAgent(),
                left,
                b.expiresAt(),
                b.registeredAt());
    }
}
