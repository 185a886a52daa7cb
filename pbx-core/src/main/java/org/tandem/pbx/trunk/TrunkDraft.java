package org.tandem.pbx.trunk;

import java.util.List;

/**
 * What an admin submits to create or change a trunk. Nullable fields take their defaults (port 5060,
 * udp, registration off, expiry 3600, caller-ID policy {@code caller}, any codec, DTMF {@code rfc4733}, no
 * template); on update a null {@code password} keeps the current one.
 */
public record TrunkDraft(
        String id,
        String host,
        Integer port,
        String transport,
        String username,
        String authUsername,
        String password,
        String fromDomain,
        Boolean register,
        Integer registerExpiry,
        List<String> inboundAddresses,
        String callerIdPolicy,
        String callerId,
        Boolean assertIdentity,
        Integer maxChannels,
        List<String> codecs,
        String dtmfMode,
        String template) {

    /** A draft without codec list, DTMF mode or template (their defaults). */
    public TrunkDraft(
            String id,
            String host,
            Integer port,
            String transport,
            String username,
            String authUsername,
            String password,
            String fromDomain,
            Boolean register,
            Integer registerExpiry,
            List<String> inboundAddresses,
            String callerIdPolicy,
            String callerId,
            Boolean assertIdentity,
            Integer maxChannels) {
        this(
                id,
                host,
                port,
                transport,
                username,
                authUsername,
                password,
                fromDomain,
                register,
                registerExpiry,
                inboundAddresses,
                callerIdPolicy,
                callerId,
                assertIdentity,
                maxChannels,
                null,
                null,
                null);
    }

    /** A new trunk's draft with every default filled in (what the web UI's editor starts from). */
    public static TrunkDraft defaults() {
        return TrunkRules.DEFAULTS;
    }

    /** This draft with {@code host} where it has none (a template without a host, checked before use). */
    TrunkDraft withHost(String host) {
        if (this.host != null) return this;
        return new TrunkDraft(
                id,
                host,
                port,
                transport,
                username,
                authUsername,
                password,
                fromDomain,
                register,
                registerExpiry,
                inboundAddresses,
                callerIdPolicy,
                callerId,
                assertIdentity,
                maxChannels,
                codecs,
                dtmfMode,
                template);
    }
}
