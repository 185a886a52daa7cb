package org.tandem.appliance.api.trunks;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.tandem.pbx.trunk.Trunk;

/**
 * A trunk as the API shows it: never the password ({@code hasPassword} says whether one is set). {@code codecs} empty:
 * any codec the phones and the provider offer.
 */
public record TrunkView(
        String id,
        String host,
        int port,
        String transport,
        String username,
        String authUsername,
        boolean hasPassword,
        String fromDomain,
        boolean register,
        int registerExpiry,
        List<String> inboundAddresses,
        String callerIdPolicy,
        String callerId,
        boolean assertIdentity,
        Integer maxChannels,
        List<String> codecs,
        String dtmfMode,
        String template,
        Instant createdAt,
        Instant updatedAt) {

    static TrunkView of(Trunk t, boolean hasPassword) {
        return new TrunkView(
                t.id(),
                t.host(),
                t.port(),
                t.transport(),
                t.username(),
                t.authUsername(),
                hasPassword,
                t.fromDomain(),
                t.register(),
                t.registerExpiry(),
                t.inboundAddresses(),
                t.callerIdPolicy().name().toLowerCase(Locale.ROOT),
                t.callerId(),
                t.assertIdentity(),
                t.maxChannels(),
                t.codecs(),
                t.dtmfMode().code(),
                t.template(),
                t.createdAt(),
                t.updatedAt());
    }
}
