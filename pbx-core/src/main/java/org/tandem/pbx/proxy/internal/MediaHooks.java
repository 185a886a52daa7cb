package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.relay.Side;
import org.tandem.media.srtp.SdesException;
import org.tandem.pbx.anchor.CallRecorder;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.anchor.MediaAnchor.Party;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.TrustedOrigin;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SdpBody;

/**
 * Where the proxy shows media anchoring the SDP it forwards: the caller's offer before a ring step forks it, every
 * response with SDP on its way upstream, in-dialog requests and the ACK on their way to the other party. Each message
 * is rewritten in place when the call is anchored. SDP that does not parse is forwarded as it came (the far end will
 * refuse it) and logged; it never stops the call.
 */
final class MediaHooks {

    private static final Logger log = LoggerFactory.getLogger(MediaHooks.class);

    private MediaHooks() {}

    /**
     * A ring step's copies of a new call's INVITE, before they are sent.
     *
     * @throws org.tandem.media.srtp.SdesException the caller's SRTP offer is refused: answer it 488 (RFC 4568 §7.1)
     */
    static void newCall(MediaAnchor anchor, InboundRequest caller, Request request, List<RingBranches.Built> branches) {
        newCall(anchor, caller, request, branches, null);
    }

    /**
     * Who a ring step's call involves, for the recording rules (issue 18): its caller, the extensions rung, the trunk
     * and DID it came in on, or, for a call going out, the trunk it is placed on first.
     */
    static CallRecorder.Involved involved(CallRequest request, List<RingBranches.Built> built) {
        TrustedOrigin origin = request.origin();
        // plain loops: once per call, where a stream pipeline cost more than the rest of the call's recording rules
        List<String> callees = new ArrayList<>(built.size());
        String firstTrunk = null;
        for (RingBranches.Built b : built) {
            if (b.extension() != null && !callees.contains(b.extension())) callees.add(b.extension());
            if (firstTrunk == null) firstTrunk = b.trunk();
        }
        String trunk = origin != null && origin.trunk() != null ? origin.trunk() : firstTrunk;
        return new CallRecorder.Involved(
                request.callerExtension(), callees, trunk, origin == null ? null : origin.did());
    }

    /** @param involved who the call involves, for the recording rules (issue 18); null: not asked */
    static void newCall(
            MediaAnchor anchor,
            InboundRequest caller,
            Request request,
            List<RingBranches.Built> branches,
            CallRecorder.Involved involved) {
        if (branches.isEmpty()) return;
        List<Party> callees = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        for (RingBranches.Built b : branches) {
            if (b.outside()) {
                providers.add(b.providerHost());
            } else {
                callees.add(branchParty(b));
            }
        }
        String callId = callId(request);
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        try {
            String rewritten = anchor.offerToNewCall(
                    callId, fromTag, partyOf(caller, request), callees, providers, sdp(request), involved);
            if (rewritten == null) return;
            for (RingBranches.Built b : branches) {
                setSdp(b.copy(), b.outside() ? rewritten : anchor.offerSeenBy(callId, rewritten, branchParty(b)));
            }
        } catch (InvalidSdpException e) {
            log.info("Call {}: the caller's SDP does not parse ({}); forwarded unanchored", callId, e.getMessage());
        }
    }

    /**
     * An in-dialog request (re-INVITE, UPDATE, PRACK, ACK, ...) forwarded from {@code inbound}'s sender to {@code hop}.
     *
     * @throws org.tandem.media.srtp.SdesException its offer's SRTP is not acceptable: answer it 488 (RFC 4568 §7.1.4)
     */
    static void inDialog(MediaAnchor anchor, InboundRequest inbound, Request copy, Hop hop) {
        String body = sdp(copy);
        if (body == null) return;
        String callId = callId(copy);
        Side from = anchor.sideOf(callId, ((FromHeader) copy.getHeader(FromHeader.NAME)).getTag());
        if (from == null) return;
        try {
            String rewritten = anchor.passing(
                    callId,
                    from,
                    partyOf(inbound, copy),
                    new Party(hop.getHost(), host(copy.getRequestURI()), Party.isSecureTransport(hop.getTransport())),
                    body);
            if (rewritten != null) setSdp(copy, rewritten);
        } catch (InvalidSdpException e) {
            log.info(
                    "Call {}: SDP in {} does not parse ({}); forwarded as it came",
                    callId,
                    copy.getMethod(),
                    e.getMessage());
        }
    }

    /**
     * A response with SDP on its way upstream ({@code up}: our Via removed), sent by the party at {@code from}. Its
     * sender is the side opposite the request's, whose From tag a response carries unchanged (RFC 3261 §8.2.6.2): so
     * a 2xx retransmitted after its transaction let go of the request is anchored as the first was.
     */
    static void response(MediaAnchor anchor, Response up, Hop from) {
        String body = sdp(up);
        if (body == null) return;
        String callId = callId(up);
        FromHeader fromHeader = (FromHeader) up.getHeader(FromHeader.NAME);
        if (fromHeader == null) return;
        Side requester = anchor.sideOf(callId, fromHeader.getTag());
        if (requester == null) return;
        ViaHeader upstream = (ViaHeader) up.getHeader(ViaHeader.NAME);
        String receiverHost =
                upstream == null ? null : upstream.getReceived() != null ? upstream.getReceived() : upstream.getHost();
        ContactHeader contact = (ContactHeader) up.getHeader(ContactHeader.NAME);
        Party sender = new Party(
                from == null ? null : from.getHost(),
                contact == null ? null : host(contact.getAddress().getURI()),
                from != null && Party.isSecureTransport(from.getTransport()));
        try {
            String rewritten = anchor.passing(callId, requester.other(), sender, new Party(receiverHost, null), body);
            if (rewritten != null) setSdp(up, rewritten);
        } catch (SdesException e) {
            // a late offer in a 2xx cannot be refused: the answer in the ACK will have to decline it
            log.warn("Call {}: SRTP offer in a {} not acceptable: {}", callId, up.getStatusCode(), e.getMessage());
        } catch (InvalidSdpException e) {
            log.info(
                    "Call {}: SDP in a {} does not parse ({}); forwarded as it came",
                    callId,
                    up.getStatusCode(),
                    e.getMessage());
        }
    }

    private static Party partyOf(InboundRequest inbound, Request request) {
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        return new Party(
                inbound.sourceAddress(),
                contact == null ? null : host(contact.getAddress().getURI()),
                Party.isSecureTransport(inbound.transport()),
                Party.isWebSocket(inbound.transport()));
    }

    private static Party branchParty(RingBranches.Built b) {
        return new Party(
                b.hop().getHost(),
                host(b.copy().getRequestURI()),
                Party.isSecureTransport(b.hop().getTransport()),
                Party.isWebSocket(b.hop().getTransport()));
    }

    private static String host(URI uri) {
        return uri instanceof SipURI sip ? sip.getHost() : null;
    }

    static String sdp(Message m) {
        return SdpBody.of(m);
    }

    private static void setSdp(Message m, String sdp) {
        try {
            m.setContent(sdp, (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String callId(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
