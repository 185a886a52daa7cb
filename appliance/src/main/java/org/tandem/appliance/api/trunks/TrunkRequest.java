package org.tandem.appliance.api.trunks;

import java.util.List;
import org.tandem.pbx.trunk.TrunkDraft;

/**
 * Body of {@code POST /api/v1/trunks} and {@code PUT /api/v1/trunks/{id}}. Left-out fields take their
 * defaults (port 5060, udp, no registration, expiry 3600, caller-ID policy {@code caller}, any codec, DTMF
 * {@code rfc4733}, no template); on PUT, leaving {@code password} out keeps the current one. {@code codecs}: the
 * codecs allowed towards the provider in order of preference (PCMA, PCMU, G722, G729, GSM, iLBC, opus, CN);
 * {@code template}: the provider template ({@code GET /api/v1/trunk-templates}) the trunk comes from.
 */
public record TrunkRequest(
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

    TrunkDraft toDraft(String id) {
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
