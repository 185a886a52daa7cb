package org.tandem.pbx.proxy.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.HopImpl;
import java.util.List;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.srtp.SdesException;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.forwarding.BranchIds;
import org.tandem.pbx.forwarding.ClosedFlow;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.forwarding.RecordedFlows;
import org.tandem.pbx.forwarding.RequestValidation;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.StrayResponseHandler;

/**
 * What this proxy forwards without a transaction (RFC 3261 §16.11): the ACK for a 2xx, which is
 * end to end and follows the Record-Route, and responses that match no client transaction, such as
 * retransmitted 2xx after the INVITE transaction ended (§16.7 step 1).
 */
public final class StatelessForwarding implements StrayResponseHandler {

    private static final Logger log = LoggerFactory.getLogger(StatelessForwarding.class);

    private final Forwarder forwarder;
    private final DialogEvents dialogs;
    private final MediaAnchor anchor;

    public StatelessForwarding(Forwarder forwarder, DialogEvents dialogs, MediaAnchor anchor) {
        this.forwarder = forwarder;
        this.dialogs = dialogs;
        this.anchor = anchor;
    }

    /**
     * An ACK that reached the proxy core. ACKs for our own non-2xx responses are absorbed by the
     * server transaction (§17.2.1) and never get here; an ACK addressed to one of our AORs without a
     * route through us is the hop-by-hop ACK of a non-2xx whose transaction is gone: dropped.
     */
    void forwardAck(InboundRequest inbound) {
        Request ack = inbound.request();
        if (inbound.existingServerTransaction() != null) return;
        var validation = RequestValidation.check(ack);
        if (validation != null) return; // §16.3: an ACK is never answered
        if (forwarder.branches().hasLooped(ack)) return;
        List<SipURI> popped = forwarder.routes().preprocess(ack);
        String callId = ((CallIdHeader) ack.getHeader(CallIdHeader.NAME)).getCallId();
        RecordedFlows recorded = forwarder.flows().recorded(popped, callId);
        if (!recorded.vouched()) {
            // an ACK for our own non-2xx whose transaction is gone, or a forged Route: not relayed
            log.debug(
                    "Dropping ACK for {} from {}: not routed through us", ack.getRequestURI(), inbound.sourceAddress());
            return;
        }
        if (!forwarder.live().isAlive(callId, recorded.issuedAt())) {
            log.debug(
                    "Dropping ACK for {} from {}: call {} is not a live dialog of ours",
                    ack.getRequestURI(),
                    inbound.sourceAddress(),
                    callId);
            return;
        }
        // §16.11: the same branch for every retransmission, from the ACK as it is now (our Routes popped), before
        // it is changed for the next hop: the ACK is forwarded in place, nothing else keeps it
        String branch = BranchIds.statelessBranch(ack);
        Request copy = forwarder.forwardInPlace(ack);
        forwarder.masks().unmask(copy);
        try {
            Hop flow = recorded.flowFor(copy, inbound, forwarder);
            if (forwarder.flowFailed(flow)) {
                ClosedFlow closed = ClosedFlow.of(flow, copy, forwarder.locations());
                if (closed.reopen() == null) {
                    log.debug(
                            "Dropping ACK of call {}: the flow to {}:{} has closed ({})",
                            callId,
                            flow.getHost(),
                            flow.getPort(),
                            closed.reason());
                    return;
                }
                flow = closed.reopen(); // RFC 3261 §18.1.1: a new connection to the party's own Contact
            }
            Hop hop = flow != null ? flow : forwarder.nextHop(copy);
            if (!forwarder.canSendOn(hop)) return;
            try {
                MediaHooks.inDialog(
                        anchor, inbound, copy, hop); // the answer to an offer in a 2xx (RFC 3264 late offer)
            } catch (SdesException e) {
                // an ACK cannot be refused: it goes on, its SDP as the anchor left it
                log.info("ACK of call {}: SRTP not usable: {}", callId, e.getMessage());
            }
            forwarder.addVia(copy, hop.getTransport(), branch);
            forwarder.sendStateless(copy, hop);
        } catch (SipException | RuntimeException e) {
            log.debug("Cannot forward ACK to {}: {}", ack.getRequestURI(), e.getMessage());
        }
    }

    /** §16.7 step 1 / §16.11: a response without a transaction, forwarded if it went through us. */
    @Override
    public void onStrayResponse(ResponseEvent event) {
        Response response = event.getResponse();
        Response up = forwarder.upstreamCopy(response);
        if (up == null) return;
        if (response instanceof SIPMessage m && m.getPeerPacketSourceAddress() != null) {
            String sender = m.getPeerPacketSourceAddress().getHostAddress();
            if (answersInvite(response)) {
                // a 2xx retransmitted after its branch let go (or its transaction ended): its SDP is anchored as the
                // first 2xx's was, or a caller that lost that one would be pointed past the relay
                ViaHeader ours = (ViaHeader) response.getHeader(ViaHeader.NAME);
                MediaHooks.response(
                        anchor,
                        up,
                        new HopImpl(sender, m.getPeerPacketSourcePort(), ours == null ? null : ours.getTransport()));
            }
            forwarder.masks().onResponse(up, sender); // a 2xx retransmission
        }
        try {
            forwarder.sendStateless(up);
        } catch (SipException | RuntimeException e) {
            log.debug("Cannot forward stray {}: {}", response.getStatusCode(), e.getMessage());
        }
    }

    private static boolean answersInvite(Response response) {
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        return response.getStatusCode() / 100 == 2 && cseq != null && Request.INVITE.equals(cseq.getMethod());
    }

    DialogEvents dialogs() {
        return dialogs;
    }
}
