package org.tandem.pbx.proxy.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The live response contexts (RFC 3261 §16.7), found again by CANCEL (§16.10), whose top Via
 * matches the INVITE's (§9.1). Keyed by Call-ID and top Via branch; each entry is only touched on
 * its Call-ID stripe.
 */
public final class ResponseContexts {

    private final Map<String, ResponseContext> live = new ConcurrentHashMap<>();

    static String key(Request request) {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return (callId == null ? "" : callId.getCallId()) + "|" + (via == null ? "" : via.getBranch()) + "|"
                + (via == null ? "" : via.getHost() + ":" + via.getPort());
    }

    void add(String key, ResponseContext context) {
        live.put(key, context);
    }

    ResponseContext find(Request cancel) {
        return live.get(key(cancel));
    }

    void remove(String key, ResponseContext context) {
        live.remove(key, context);
    }

    /** The routed call (an INVITE the dial plan routes) with this Call-ID whose caller still waits for an answer. */
    Optional<ResponseContext> ringing(String callId) {
        String prefix = callId + "|";
        return live.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .filter(ResponseContext::waitsForAnswer)
                .findFirst();
    }

    public int size() {
        return live.size();
    }
}
