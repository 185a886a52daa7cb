package org.tandem.pbx.trunk;

import java.time.Instant;
import java.util.List;

/**
 * A SIP trunk to an Internet telephony provider. Never carries the password.
 *
 * @param id                  the trunk's name, also its key ({@code [a-z0-9_-]})
 * @param host                the provider's SIP host (name or address)
 * @param transport           udp, tcp or tls
 * @param username            the account (From user part of registrations and, by default, calls)
 * @param authUsername        the digest user name, when it differs from {@code username}
 * @param fromDomain          host part of our From/To; null = the provider's host
 * @param register            whether to REGISTER with the provider (RFC 3261 §10.2)
 * @param registerExpiry      the registration interval asked for, in seconds
 * @param inboundAddresses    further addresses (or address:port) the provider sends calls from
 * @param callerId            the trunk's own caller ID number, or null
 * @param assertIdentity      add P-Asserted-Identity (RFC 3325) with the caller's number
 * @param maxChannels         concurrent calls allowed, or null for no limit
 * @param contactUser         the user part of the Contact we register (inbound calls to it are this trunk's)
 * @param codecs              the codecs allowed towards the provider, in order of preference ({@link TrunkCodecs});
 *                            empty: whatever the phones and the provider offer
 * @param dtmfMode            how key presses travel to the provider
 * @param template            the provider template the trunk was created from, or null
 */
public record Trunk(
        String id,
        String host,
        int port,
        String transport,
        String username,
        String authUsername,
        String fromDomain,
        boolean register,
        int registerExpiry,
        List<String> inboundAddresses,
        CallerIdPolicy callerIdPolicy,
        String callerId,
        boolean assertIdentity,
        Integer maxChannels,
        String contactUser,
        List<String> codecs,
        DtmfMode dtmfMode,
        String template,
        Instant createdAt,
        Instant updatedAt) {

    public Trunk {
        inboundAddresses = List.copyOf(inboundAddresses);
        codecs = codecs == null ? List.of() : List.copyOf(codecs);
        if (dtmfMode == null) dtmfMode = DtmfMode.RFC4733;
    }

    /** The digest user name: {@code authUsername}, else {@code username}. */
    public String digestUser() {
        return authUsername != null ? authUsername : username;
    }

    /** Host of our From and To headers towards this provider. */
    public String domain() {
        return fromDomain != null ? fromDomain : host;
    }
}
