package org.tandem.pbx.trunk.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The dialog state of one gateway leg (RFC 3261 §12), kept by us rather than by jain-sip: both legs of
 * a trunk call share their Call-ID and tags with requests that pass through the proxy in this same
 * stack, and the stack's dialog layer would take those for its own (dropping them as out of sequence).
 * Touched only on the call's stripe.
 */
final class LegDialog {

    final String callId;
    final Address local;
    final Address remote;
    final String localTag;
    String remoteTag;
    long localCseq;
    URI remoteTarget;
    final List<Address> routeSet = new ArrayList<>();

    LegDialog(String callId, Address local, String localTag, Address remote, long localCseq) {
        this.callId = callId;
        this.local = local;
        this.localTag = localTag;
        this.remote = remote;
        this.localCseq = localCseq;
    }

    /** §12.1.1: the UAS side, from the INVITE received (route set = its Record-Routes, in order). */
    static LegDialog asUas(Request invite, String localTag) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
        LegDialog d = new LegDialog(
                ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(),
                (Address) to.getAddress().clone(),
                localTag,
                (Address) from.getAddress().clone(),
                0);
        d.remoteTag = from.getTag();
        d.remoteTarget = contactOf(invite);
        ListIterator<?> rr = invite.getHeaders(RecordRouteHeader.NAME);
        while (rr != null && rr.hasNext())
            d.routeSet.add(
                    (Address) ((RecordRouteHeader) rr.next()).getAddress().clone());
        return d;
    }

    /** §12.1.2: the UAC side learns the remote tag, target and (reversed) route set from a 2xx or 1xx. */
    void confirmAsUac(Response response) {
        remoteTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
        URI target = contactOf(response);
        if (target != null) remoteTarget = target;
        routeSet.clear();
        ListIterator<?> rr = response.getHeaders(RecordRouteHeader.NAME);
        List<Address> forward = new ArrayList<>();
        while (rr != null && rr.hasNext())
            forward.add((Address) ((RecordRouteHeader) rr.next()).getAddress().clone());
        for (int i = forward.size() - 1; i >= 0; i--) routeSet.add(forward.get(i));
    }

    /** §12.2.1.1: a new request inside this dialog (the caller adds Via, Contact, Max-Forwards, body). */
    Request newRequest(GatewaySip sip, String method) throws ParseException {
        long cseq = Request.ACK.equals(method) ? localCseq : ++localCseq;
        return newRequest(sip, method, cseq);
    }

    Request newRequest(GatewaySip sip, String method, long cseq) throws ParseException {
        try {
            var h = sip.headers();
            FromHeader from = h.createFromHeader((Address) local.clone(), localTag);
            ToHeader to = h.createToHeader((Address) remote.clone(), remoteTag);
            CallIdHeader cid = h.createCallIdHeader(callId);
            CSeqHeader cs = h.createCSeqHeader(cseq, method);
            Request r = sip.messages()
                    .createRequest(
                            (URI) remoteTarget.clone(),
                            method,
                            cid,
                            cs,
                            from,
                            to,
                            new ArrayList<>(),
                            h.createMaxForwardsHeader(70));
            for (Address route : routeSet) {
                RouteHeader rh = h.createRouteHeader((Address) route.clone());
                r.addHeader(rh);
            }
            return r;
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    private static URI contactOf(Message m) {
        ContactHeader c = (ContactHeader) m.getHeader(ContactHeader.NAME);
        return c == null || c.getAddress() == null
                ? null
                : (URI) c.getAddress().getURI().clone();
    }
}
