package org.tandem.pbx.trunk.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The trunk calls in progress, found by the contact user of either leg (in-dialog requests) and by the
 * A-leg INVITE's Call-ID and branch (CANCEL, RFC 3261 §9.2). Concurrent maps: calls of different
 * stripes add and remove themselves; each call's own state stays on its stripe.
 */
final class GatewayCalls {

    private final Map<String, TrunkCall> byContact = new ConcurrentHashMap<>();
    private final Map<String, TrunkCall> byInvite = new ConcurrentHashMap<>();

    void add(TrunkCall call) {
        byContact.put(call.a.contactUser, call);
        byContact.put(call.b.contactUser, call);
        byInvite.put(inviteKey(call.a.invite), call);
    }

    /** A further leg of the call (a transfer target): its in-dialog requests find the call too. */
    void addContact(String contactUser, TrunkCall call) {
        byContact.put(contactUser, call);
    }

    void remove(TrunkCall call) {
        byContact.values().removeIf(c -> c == call);
        byInvite.remove(inviteKey(call.a.invite), call);
    }

    TrunkCall byContactUser(String user) {
        return user == null ? null : byContact.get(user);
    }

    TrunkCall byInviteOf(Request cancel) {
        return byInvite.get(inviteKey(cancel));
    }

    /** Calls in progress on this trunk (for its channel limit). */
    long activeOn(String trunk) {
        return byInvite.values().stream()
                .filter(c -> trunk.equals(c.busyTrunk()))
                .count();
    }

    static String inviteKey(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        return callId + "|" + (via == null ? "" : via.getBranch());
    }
}
