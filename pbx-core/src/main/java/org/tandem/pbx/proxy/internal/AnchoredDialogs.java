package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.forwarding.BranchIds;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.sip.FlowRequests;

/**
 * The two ends of answered calls whose media the relay anchors: enough to hang such a call up from the proxy when a
 * party's stream dies (RFC 3261 §15.1.1 BYE, sent by the proxy on each side's behalf, as Kamailio's dialog module
 * does), without which two phones would keep a silent call open for ever. Per end: its remote target (Contact), the
 * flow it is reached on, its From/To with tags, and the highest CSeq it has used (§12.2.1.1: ours must be higher).
 * Runs on the Call-ID stripes.
 */
public final class AnchoredDialogs {

    private static final Logger log = LoggerFactory.getLogger(AnchoredDialogs.class);

    private static final class Ends {
        final FromHeader callerFrom;
        final ToHeader calleeTo;
        final URI callerTarget;
        final URI calleeTarget;
        final Hop callerHop;
        final Hop calleeHop;
        long callerCseq;
        long calleeCseq;

        Ends(
                FromHeader callerFrom,
                ToHeader calleeTo,
                URI callerTarget,
                URI calleeTarget,
                Hop callerHop,
                Hop calleeHop,
                long callerCseq) {
            this.callerFrom = callerFrom;
            this.calleeTo = calleeTo;
            this.callerTarget = callerTarget;
            this.calleeTarget = calleeTarget;
            this.callerHop = callerHop;
            this.calleeHop = calleeHop;
            this.callerCseq = callerCseq;
        }
    }

    private final Map<String, Ends> calls = new ConcurrentHashMap<>();

    /** The first 2xx of an anchored call's INVITE is going upstream. */
    void answered(Request invite, Hop callerHop, Response ok, Hop calleeHop) {
        ContactHeader callerContact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        ContactHeader calleeContact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        if (callerContact == null || calleeContact == null || callerHop == null || calleeHop == null) return;
        calls.put(
                callId(invite),
                new Ends(
                        (FromHeader) invite.getHeader(FromHeader.NAME).clone(),
                        (ToHeader) ok.getHeader(ToHeader.NAME).clone(),
                        callerContact.getAddress().getURI(),
                        calleeContact.getAddress().getURI(),
                        callerHop,
                        calleeHop,
                        ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber()));
    }

    /** An in-dialog request passed: remember its CSeq for the side that sent it. */
    void passed(Request request) {
        Ends e = calls.get(callId(request));
        if (e == null) return;
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        if (fromTag != null && fromTag.equals(e.callerFrom.getTag())) e.callerCseq = Math.max(e.callerCseq, cseq);
        else e.calleeCseq = Math.max(e.calleeCseq, cseq);
    }

    /** The tag of one end of answered call {@code callId} (the caller's From tag, or the callee's To tag), or null. */
    String tag(String callId, boolean caller) {
        Ends e = calls.get(callId);
        if (e == null) return null;
        return caller ? e.callerFrom.getTag() : e.calleeTo.getTag();
    }

    void forget(String callId) {
        calls.remove(callId);
    }

    /**
     * Sends a BYE to each end of {@code callId} with an RFC 3326 Reason.
     *
     * @return false when the call is not (or no longer) known as answered: nothing was sent
     */
    boolean hangUp(String callId, Forwarder forwarder, String reason) {
        Ends e = calls.remove(callId);
        if (e == null) return false;
        try {
            var headers = forwarder.transports().headerFactory();
            // to the callee: as the caller would send it
            FromHeader fromCaller = (FromHeader) e.callerFrom.clone();
            ToHeader toCallee = (ToHeader) e.calleeTo.clone();
            send(forwarder, callId, e.calleeTarget, fromCaller, toCallee, e.callerCseq + 1, e.calleeHop, reason);
            // to the caller: as the callee would send it (its From is the callee's To, and the reverse)
            FromHeader fromCallee = headers.createFromHeader(e.calleeTo.getAddress(), e.calleeTo.getTag());
            ToHeader toCaller = headers.createToHeader(e.callerFrom.getAddress(), e.callerFrom.getTag());
            send(forwarder, callId, e.callerTarget, fromCallee, toCaller, e.calleeCseq + 1, e.callerHop, reason);
        } catch (ParseException e1) {
            log.warn("Call {}: cannot build the BYE: {}", callId, e1.getMessage());
        }
        return true;
    }

    private static void send(
            Forwarder forwarder,
            String callId,
            URI target,
            FromHeader from,
            ToHeader to,
            long cseq,
            Hop hop,
            String reason) {
        try {
            var headers = forwarder.transports().headerFactory();
            CallIdHeader id = headers.createCallIdHeader(callId);
            Request bye = forwarder
                    .transports()
                    .messageFactory()
                    .createRequest(
                            (URI) target.clone(),
                            Request.BYE,
                            id,
                            headers.createCSeqHeader(cseq, Request.BYE),
                            from,
                            to,
                            new ArrayList<>(),
                            headers.createMaxForwardsHeader(Forwarder.DEFAULT_MAX_FORWARDS));
            bye.addHeader(headers.createHeader("Reason", reason));
            forwarder.addVia(bye, hop.getTransport(), forwarder.branches().newBranch(BranchIds.loopHash(bye)));
            // the answer to our BYE changes nothing: the call is over either way (RFC 3261 §15.1.1)
            new FlowRequests(forwarder.transports()).send(bye, hop, status -> {});
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            log.info("Call {}: BYE to {} via {} not sent: {}", callId, target, hop, e.getMessage());
        }
    }

    /**
     * An operator's blind transfer (RFC 3515, sent on the other end's behalf as Kamailio's dlg_transfer does): a
     * REFER in the call's dialog to one end — the caller when {@code toCaller}, else the callee — asking it to call
     * {@code referTo}; {@code outcome} gets the final status (408 when none came).
     *
     * @return false when the call is not (or no longer) known as answered: nothing was sent
     */
    boolean refer(String callId, Forwarder forwarder, boolean toCaller, String referTo, IntConsumer outcome) {
        Ends e = calls.get(callId);
        if (e == null) return false;
        try {
            var headers = forwarder.transports().headerFactory();
            var addresses = forwarder.transports().addressFactory();
            FromHeader from;
            ToHeader to;
            long cseq;
            if (toCaller) {
                from = headers.createFromHeader(e.calleeTo.getAddress(), e.calleeTo.getTag());
                to = headers.createToHeader(e.callerFrom.getAddress(), e.callerFrom.getTag());
                cseq = ++e.calleeCseq;
            } else {
                from = (FromHeader) e.callerFrom.clone();
                to = (ToHeader) e.calleeTo.clone();
                cseq = ++e.callerCseq;
            }
            URI target = toCaller ? e.callerTarget : e.calleeTarget;
            Hop hop = toCaller ? e.callerHop : e.calleeHop;
            Request refer = forwarder
                    .transports()
                    .messageFactory()
                    .createRequest(
                            (URI) target.clone(),
                            Request.REFER,
                            headers.createCallIdHeader(callId),
                            headers.createCSeqHeader(cseq, Request.REFER),
                            from,
                            to,
                            new ArrayList<>(),
                            headers.createMaxForwardsHeader(Forwarder.DEFAULT_MAX_FORWARDS));
            refer.addHeader(headers.createHeader("Refer-To", "<" + referTo + ">"));
            // RFC 3892: on whose behalf (the park orbit keeps the parker, the target's phone may show it)
            refer.addHeader(
                    headers.createHeader("Referred-By", "<" + from.getAddress().getURI() + ">"));
            refer.addHeader(headers.createContactHeader(
                    addresses.createAddress((URI) (toCaller ? e.calleeTarget : e.callerTarget).clone())));
            forwarder.addVia(refer, hop.getTransport(), forwarder.branches().newBranch(BranchIds.loopHash(refer)));
            // in a client transaction to the end's own flow; the final status (408 on Timer F) to outcome
            new FlowRequests(forwarder.transports()).send(refer, hop, outcome);
            return true;
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException ex) {
            log.info("Call {}: REFER not sent: {}", callId, ex.getMessage());
            outcome.accept(Response.SERVICE_UNAVAILABLE);
            return true;
        }
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
