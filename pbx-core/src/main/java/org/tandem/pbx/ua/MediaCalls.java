package org.tandem.pbx.ua;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Response;
import org.tandem.media.ConferenceMixer;
import org.tandem.media.InvalidSdpException;
import org.tandem.media.MediaEngine;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/** Answers calls with media for the media services (voicemail, conference, IVR): see {@link MediaCall}. */
public class MediaCalls {

    private final SipTransports transports;
    private final Supplier<MediaAnchor> anchor; // the relay, for WebRTC callers
    private final SipResponder responder;
    private final CallEvents events;
    private final MediaEngine engine;
    private final SerialExecutors stripes;
    private final CallEventStripes callEvents;
    private final ScheduledExecutorService timer;
    private final LoopbackSignatures signatures;

    private final AdvertisedHosts hosts;

    /** @param hosts the host each caller reaches us by, for our Contact (issue 20) */
    public MediaCalls(
            SipTransports transports,
            SipResponder responder,
            CallEvents events,
            MediaEngine engine,
            SerialExecutors stripes,
            ScheduledExecutorService timer,
            LoopbackSignatures signatures,
            AdvertisedHosts hosts,
            Supplier<MediaAnchor> anchor) {
        this.hosts = hosts;
        this.anchor = anchor;
        this.signatures = signatures;
        this.transports = transports;
        this.responder = responder;
        this.events = events;
        this.engine = engine;
        this.stripes = stripes;
        this.callEvents = new CallEventStripes(stripes);
        this.timer = timer;
    }

    /**
     * Answers {@code invite} (on its stripe) and hands the call to {@code script}; when it cannot be answered
     * (no offer, no common codec: 488; bad SDP: 400; no media ports: 503) the INVITE gets that response,
     * the call record ends FAILED, and null comes back.
     *
     * @param label what call records show as the answering party (e.g. {@code voicemail:201})
     */
    public MediaCall answer(InboundRequest invite, ServerTransaction server, String label, MediaCallScript script) {
        MediaCall call = new MediaCall(this, invite, label, script);
        return call.answer(server) ? call : null;
    }

    /**
     * Ends {@code invite} with a final error instead of answering it (e.g. no free park orbit), saying why in
     * the reason phrase; the call record ends FAILED.
     */
    public void refuse(InboundRequest invite, ServerTransaction server, int status, String reason) {
        Response response = responder.create(invite.request(), status);
        try {
            response.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(server, invite.request(), response);
        String callId = ((CallIdHeader) invite.request().getHeader(CallIdHeader.NAME)).getCallId();
        events.publish(new CallEnded(callId, Instant.now(), Disposition.FAILED, status, HangupSide.SYSTEM));
    }

    /**
     * {@code address} as an InetAddress when it is a numeric IPv4 or IPv6 literal (a transport's source address: never
     * a DNS lookup), else null: where a party's RTP may come from when it is behind NAT (symmetric RTP).
     */
    public static InetAddress numericAddress(String address) {
        if (address == null || !address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) return null;
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Places a call with media of its own to one registered {@code phone} (a queue agent): see {@link PlacedCall}. The
     * ringing starts on the new call's own stripe; {@code listener} is told there.
     *
     * @param ringFor CANCEL after this without an answer (the listener hears 408)
     */
    public PlacedCall place(
            Binding phone, PlacedCall.Invitation invitation, Duration ringFor, PlacedCall.Listener listener) {
        String callId = callId(invitation);
        PlacedCall call =
                new PlacedCall(this, callId, phone, invitation, callEvents.of(callId, "placed call"), listener);
        if (!stripes.execute(callId, () -> call.ring(ringFor))) {
            listener.failed(call, Response.SERVICE_UNAVAILABLE); // overloaded: not rung at all
        }
        return call;
    }

    /**
     * Places a call as {@link #place(Binding, PlacedCall.Invitation, Duration, PlacedCall.Listener)} does,
     * for a call in progress that owns it (a page to a member phone): called on {@code events}, the serial executor of
     * that call, it rings at once, and every event of the placed call runs there too, so the owner needs no locks. It
     * rings until the owner cancels it.
     */
    public PlacedCall place(
            Binding phone, PlacedCall.Invitation invitation, Executor events, PlacedCall.Listener listener) {
        PlacedCall call = new PlacedCall(this, callId(invitation), phone, invitation, events, listener);
        call.ring(null);
        return call;
    }

    private String callId(PlacedCall.Invitation invitation) {
        return invitation.purpose() + "-" + UUID.randomUUID() + "@" + transports.advertisedHost();
    }

    /** A new mixer (conference, or a bridge of two calls answered here: a retrieved park call). */
    public ConferenceMixer createMixer() {
        return engine.createConference();
    }

    /**
     * The media services' SDP as the party at {@code peerAddress} must see it: to a party outside the local networks,
     * behind an office router that forwards RTP to us, the external host in c= and o= (issue 20); else unchanged.
     */
    public String answerSeenBy(String sdp, String peerAddress) {
        String host = hosts.hostFor(peerAddress);
        if (sdp == null || host.equals(transports.advertisedHost())) return sdp;
        try {
            SessionDescription parsed = SessionDescription.parse(sdp);
            parsed.setAllConnections(host);
            parsed.setOriginAddress(host);
            return parsed.toString();
        } catch (InvalidSdpException e) {
            return sdp; // our own SDP: cannot happen; sent as the engine made it
        }
    }

    /** Our Contact for the party at {@code peerAddress}, reached on {@code transport}. */
    public ContactHeader contact(String transport, String peerAddress) throws ParseException {
        return LocalContact.on(transports, transport, hosts.hostFor(peerAddress));
    }

    /** The relay leg of a WebRTC caller's call to a media service (issue 16), or null when its offer is plain. */
    RelayedService relayedService(InboundRequest invite, String callId, String offer) {
        FromHeader from = (FromHeader) invite.request().getHeader(FromHeader.NAME);
        ContactHeader contact = (ContactHeader) invite.request().getHeader(ContactHeader.NAME);
        String contactHost =
                contact != null && contact.getAddress().getURI() instanceof SipURI sip ? sip.getHost() : null;
        MediaAnchor.Party caller = new MediaAnchor.Party(
                invite.sourceAddress(),
                contactHost,
                MediaAnchor.Party.isSecureTransport(invite.transport()),
                MediaAnchor.Party.isWebSocket(invite.transport()));
        return RelayedService.forOffer(
                anchor.get(), offer, callId, from == null ? null : from.getTag(), caller, transports.advertisedHost());
    }

    SipTransports transports() {
        return transports;
    }

    LoopbackSignatures signatures() {
        return signatures;
    }

    SipResponder responder() {
        return responder;
    }

    CallEvents events() {
        return events;
    }

    MediaEngine engine() {
        return engine;
    }

    /** Where calls' events go to their stripe; a refused one is counted and logged, not lost silently. */
    CallEventStripes callEvents() {
        return callEvents;
    }

    ScheduledExecutorService timer() {
        return timer;
    }
}
