package org.tandem.pbx.trunk.internal;

import java.time.Instant;

/** A {@code trunk} row; the secret is still encrypted, inbound addresses and codecs comma-separated. */
public record TrunkRow(
        String id,
        String host,
        int port,
        String transport,
        String username,
        String authUsername,
        String secretEnc,
        String fromDomain,
        boolean register,
        int registerExpiry,
        String contactUser,
        String inboundAddresses,
        String callerIdPolicy,
        String callerId,
        boolean assertIdentity,
        Integer maxChannels,
        String codecs,
        String dtmfMode,
        String template,
        Instant createdAt,
        Instant updatedAt) {}
