package org.tandem.pbx.trunk;

import java.util.List;

/**
 * What an admin submits to create or change a trunk. Nullable fields take their defaults (port 5060,
 * udp, registration off, expiry 3600, caller-ID policy {@code caller}); on update a null
 * {@code password} keeps the current one.
 */
public record TrunkDraft(String id, String host, Integer port, String transport, String username,
                         String authUsername, String password, String fromDomain, Boolean register,
                         Integer registerExpiry, List<String> inboundAddresses, String callerIdPolicy,
                         String callerId, Boolean assertIdentity, Integer maxChannels) {
}
