package org.tandem.pbx.registrar;

import java.time.Instant;

/**
 * One contact bound to an AOR (RFC 3261 §10.3), plus where the REGISTER really came from, which is
 * where requests for this contact are sent (RFC 3581; the Contact may hold a private address).
 *
 * @param extension     the AOR's user part (the AOR is sip:extension@domain)
 * @param contactUri    the Contact URI as registered (without header parameters)
 * @param transport     lower-case transport the REGISTER arrived on: udp, tcp or tls
 * @param q             preference 0..1000 (q-value times 1000); higher is tried first
 * @param instanceId    +sip.instance (RFC 5626), if the UA sent one
 * @param regId         reg-id (RFC 5626), or 0
 */
public record Binding(
        String extension,
        String contactUri,
        String callId,
        long cseq,
        Instant expiresAt,
        int q,
        String sourceAddress,
        int sourcePort,
        String transport,
        String userAgent,
        String instanceId,
        int regId,
        Instant registeredAt) {

    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
