package org.tandem.pbx.trunk.internal;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.InvalidSdpException;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.sip.SdpBody;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;

/**
 * One call through the trunk gateway (a B2BUA): the leg that brought the INVITE ({@link UasLeg}) and
 * the leg the gateway sent on ({@link UacLeg}), and what passes between them: provisionals, the answer,
 * ACK, CANCEL, BYE and other in-dialog requests. Everything runs on one stripe (the A-leg's Call-ID;
 * the B-leg's Call-IDs are chosen to hash there).
 */
final class TrunkCall implements UacLeg.Events {

    private static final Logger log = LoggerFactory.getLogger(TrunkCall.class);

    private final GatewaySip sip;
    private final GatewayCalls calls;
    private final CallEvents events;
    /** For the codecs of the call's trunk, which re-offers are held to as the first offer was. */
    private final TrunkDirectory trunks;

    final UasLeg a;
    UacLeg b;
    /** The Call-ID call records know this call by (the proxy's), for {@link CallTrunkUsed}; null: none. */
    private final String reportCallId;

    private final Hop aHop;
    private Response answerAwaitingAck;
    private boolean ended;
    /** The trunk the call uses (outbound: the one that answered; inbound: the one it came from). */
    private String trunk;
    /** True when the A-leg faces a phone (outbound calls); false when it faces the provider. */
    private final boolean phoneOnA;
    /** Established sides: the provider's and the phone's (null until answered). */
    private LegEnd providerEnd;

    private LegEnd phoneEnd;
    /** The provider's session description (its INVITE or its 2xx), offered to a transfer target. */
    private Message providerSdp;
    /** Contacts of phones that transferred the call away: their BYE is answered here, not passed on. */
    private final Set<String> retired = new HashSet<>();

    private CallTransfer transfer;
    /** A phone that picked up the ringing call (RFC 3891 Replaces), answered by the gateway itself. */
    private UasLeg picker;

    TrunkCall(
            GatewaySip sip,
            GatewayCalls calls,
            CallEvents events,
            TrunkDirectory trunks,
            UasLeg a,
            String reportCallId,
            Hop aHop,
            String trunk,
            boolean phoneOnA) {
        this.trunks = trunks;
        this.trunk = trunk;
        this.phoneOnA = phoneOnA;
        this.sip = sip;
        this.calls = calls;
        this.events = events;
        this.a = a;
        this.reportCallId = reportCallId;
        this.aHop = aHop;
    }

    void start(UacLeg b) {
        this.b = b;
        calls.add(this);
        a.trying();
        b.start();
    }

    String busyTrunk() {
        return ended || b == null || b.target() == null ? null : b.target().trunk();
    }

    @Override
    public void attempt(UacTarget target) {
        if (target.trunk() != null && reportCallId != null) {
            events.publish(new CallTrunkUsed(reportCallId, Instant.now(), target.trunk(), target.number(), 0));
        }
    }

    @Override
    public void attemptEnded(UacTarget target, int status) {
        if (target.trunk() != null && reportCallId != null) {
            events.publish(new CallTrunkUsed(reportCallId, Instant.now(), target.trunk(), target.number(), status));
        }
    }

    @Override
    public void provisional(Response response) {
        a.provisional(response);
    }

    @Override
    public void answered(Response response) {
        // §13.2.2.4: ACK at once, unless the INVITE had no offer: then the offer is in the 2xx and the
        // answer comes in the caller's ACK, which is passed on
        if (b.offerHadBody()) b.ack(response, null);
        else answerAwaitingAck = response;
        a.answer(response, this::hangUpBoth);
        LegEnd aEnd = new LegEnd(a.contactUser, a.dialog, a.transport, aHop);
        LegEnd bEnd =
                new LegEnd(b.contactUser, b.dialog, b.transport(), b.target().hop());
        providerEnd = phoneOnA ? bEnd : aEnd;
        phoneEnd = phoneOnA ? aEnd : bEnd;
        providerSdp = phoneOnA ? response : a.invite;
        if (trunk == null) trunk = b.target().trunk();
    }

    @Override
    public void failed(int status, String reason) {
        if (picker != null) return; // the B-leg was cancelled because a picker took the call
        a.fail(status, reason);
        finish();
    }

    /**
     * Call pickup of this ringing trunk call (RFC 3891 §3): the proxy sends the picker's INVITE to our
     * B-leg contact with {@code Replaces: <B-leg>;early-only}. The gateway cancels its ringing B-leg and
     * answers both sides itself, each with the other's offer (the endpoints' codecs decide, as always).
     */
    void pickUp(InboundRequestView in, ServerTransaction server, Request invite) {
        String replaces = invite.getHeader("Replaces") instanceof ExtensionHeader h ? h.getValue() : null;
        String[] parts = replaces == null ? new String[0] : replaces.split(";");
        boolean matches = parts.length > 0
                && b.dialog != null
                && parts[0].strip().equals(b.dialog.callId)
                && replaces.contains("from-tag=" + b.dialog.localTag);
        if (!matches || phoneOnA || a.state() != UasLeg.State.PROCEEDING || picker != null || ended) {
            // §3: no early dialog of ours to replace (any more)
            sip.responder().reply(server, invite, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        picker = new UasLeg(sip, server, invite, GatewaySip.CONTACT_PREFIX + sip.token(8), in.transport());
        calls.addContact(picker.contactUser, this);
        b.cancel();
        picker.trying();
        Response toPicker = sip.responder().create(invite, Response.OK);
        Response toProvider = sip.responder().create(a.invite, Response.OK);
        try {
            GatewaySip.copyBody(a.invite, toPicker);
            GatewaySip.copyBody(invite, toProvider);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        picker.answer(toPicker, this::hangUpBoth);
        a.answer(toProvider, this::hangUpBoth);
        providerEnd = new LegEnd(a.contactUser, a.dialog, a.transport, aHop);
        phoneEnd = new LegEnd(picker.contactUser, picker.dialog, picker.transport, in.hop());
        providerSdp = a.invite;
        log.info("Trunk call {} picked up", a.dialog.callId);
    }

    /** Where a request came from, as the picker's leg needs it. */
    record InboundRequestView(String transport, Hop hop) {}

    /** ACK on the A-leg: for our 2xx (then maybe passed on with its SDP), or for a re-INVITE's (absorbed). */
    void onAck(String contactUser, Request ack) {
        if (picker != null && contactUser.equals(picker.contactUser)) {
            picker.acked();
            return;
        }
        if (!contactUser.equals(a.contactUser)) return;
        long cseq = ((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber();
        long inviteCseq = ((CSeqHeader) a.invite.getHeader(CSeqHeader.NAME)).getSeqNumber();
        if (cseq != inviteCseq) return;
        a.acked();
        if (answerAwaitingAck != null) {
            b.ack(answerAwaitingAck, ack);
            answerAwaitingAck = null;
        }
    }

    /** CANCEL of the A-leg INVITE (RFC 3261 §9.2): 487 to it, CANCEL towards B. */
    void onCancel() {
        if (a.state() != UasLeg.State.PROCEEDING) return;
        a.fail(Response.REQUEST_TERMINATED, null);
        b.cancel();
    }

    /** A request inside the call, received on the leg whose contact is {@code contactUser}. */
    void inDialog(String contactUser, ServerTransaction server, Request request) {
        if (retired.contains(contactUser)) {
            // the phone that transferred the call hangs up its side: ours to answer, not the provider's
            sip.responder()
                    .reply(
                            server,
                            request,
                            Request.BYE.equals(request.getMethod())
                                    ? Response.OK
                                    : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        if (ended || providerEnd == null) {
            sip.responder().reply(server, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        boolean fromPhone = contactUser.equals(phoneEnd.contactUser());
        if (fromPhone && Request.REFER.equals(request.getMethod())) {
            if (transfer != null && !transfer.done()) {
                sip.responder().reply(server, request, Response.REQUEST_PENDING);
                return;
            }
            transfer = new CallTransfer(sip, this, phoneEnd, providerEnd, providerSdp, trunk, calls);
            transfer.start(server, request);
            return;
        }
        if (!restrictReoffer(server, request)) return;
        LegEnd near = fromPhone ? phoneEnd : providerEnd;
        LegEnd far = fromPhone ? providerEnd : phoneEnd;
        try {
            InDialogRelay relay =
                    new InDialogRelay(sip, server, request, sip.contact(near.contactUser(), near.transport()));
            relay.relay(far.dialog(), far.transport(), far.contactUser(), far.hop());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        if (Request.BYE.equals(request.getMethod())) finish();
    }

    /**
     * A re-INVITE or UPDATE offer (RFC 3264 §8: a new offer in the dialog) is held to the trunk's codecs as the first
     * offer was, whichever side sends it; one without any of them gets 488 and leaves the session unchanged
     * (RFC 3261 §14.2). False when the request was answered here.
     */
    private boolean restrictReoffer(ServerTransaction server, Request request) {
        String method = request.getMethod();
        if (!Request.INVITE.equals(method) && !Request.UPDATE.equals(method)) return true;
        Trunk t = trunks.find(trunk).orElse(null);
        String offer = SdpBody.of(request);
        if (t == null || offer == null) return true;
        try {
            Optional<OfferRestriction.Restricted> restricted = OfferRestriction.forTrunk(offer, t);
            if (restricted.isEmpty()) {
                sip.notAcceptable(server, request, "the new offer has none of the codecs trunk " + t.id() + " allows");
                return false;
            }
            if (restricted.get().sdp() != null) {
                request.setContent(
                        restricted.get().sdp(), (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME));
            }
            return true;
        } catch (InvalidSdpException | ParseException e) {
            sip.responder().reply(server, request, Response.BAD_REQUEST);
            return false;
        }
    }

    /** A blind transfer succeeded: the new leg takes the phone's place; the old phone is let go. */
    void transferred(LegEnd newPhoneEnd) {
        retired.add(phoneEnd.contactUser());
        phoneEnd = newPhoneEnd;
    }

    String homeCallId() {
        return a.dialog.callId;
    }

    /** No ACK came for our 2xx: RFC 3261 §13.3.1.4 says end the call with BYE — both legs here. */
    private void hangUpBoth() {
        if (ended) return;
        bye(providerEnd);
        bye(phoneEnd);
        finish();
    }

    void bye(LegEnd end) {
        if (end == null) return;
        try {
            Request bye = end.dialog().newRequest(sip, Request.BYE);
            bye.addFirst(sip.via(end.transport()));
            sip.send(bye, end.dialog().routeSet.isEmpty() ? end.hop() : null, new UacLeg.IgnoreResponses());
        } catch (ParseException | SipException | RuntimeException e) {
            log.debug("BYE on {}: {}", end.dialog().callId, e.getMessage());
        }
    }

    private void finish() {
        if (ended) return;
        ended = true;
        a.end();
        // in-dialog stragglers get 481 for a while, then the call is forgotten
        sip.later(a.dialog.callId, Duration.ofSeconds(32), () -> calls.remove(this));
    }

    boolean ended() {
        return ended;
    }
}
