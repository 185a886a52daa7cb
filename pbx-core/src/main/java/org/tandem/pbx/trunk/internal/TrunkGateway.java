package org.tandem.pbx.trunk.internal;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.InvalidSdpException;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.TrustedOrigin;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SdpBody;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.trunk.InboundRoutes;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkProperties;

/**
 * The trunk gateway, a B2BUA inside the appliance, asked before the proxy. It takes: the proxy's signed
 * spiral INVITEs for external numbers (→ the route's trunks, in failover order); INVITEs from trunks
 * (→ DID → destination, into the proxy with a signed {@link TrustedOrigin}); requests inside its calls
 * (to its {@code tgw-} contacts); CANCELs of its INVITEs. INVITEs that claim to come from a trunk or from
 * the proxy but do not are refused with 403 and, over TCP/TLS, count towards a ban. Which trunks an outbound
 * call tries, and with what INVITE, is {@link OutboundTrunks}'.
 */
public final class TrunkGateway implements SipRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(TrunkGateway.class);

    private final GatewaySip sip;
    private final GatewayCalls calls;
    private final OutboundTrunks outboundTrunks;
    private final TrunkDirectory trunks;
    private final InboundRoutes inbound;
    private final TrunkProperties props;
    private final LoopbackSignatures signatures;
    private final LocalAddresses local;
    private final BanRegistry bans;
    private final CallEvents events;

    TrunkGateway(
            GatewaySip sip,
            GatewayCalls calls,
            TrunkDirectory trunks,
            InboundRoutes inbound,
            TrunkProperties props,
            LoopbackSignatures signatures,
            LocalAddresses local,
            BanRegistry bans,
            CallEvents events) {
        this.sip = sip;
        this.calls = calls;
        this.outboundTrunks = new OutboundTrunks(sip, calls, trunks);
        this.trunks = trunks;
        this.inbound = inbound;
        this.props = props;
        this.signatures = signatures;
        this.local = local;
        this.bans = bans;
        this.events = events;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.TRUNKS;
    }

    @Override
    public boolean accepts(InboundRequest in) {
        Request r = in.request();
        String method = r.getMethod();
        if (Request.REGISTER.equals(method)) return false;
        boolean newInvite = Request.INVITE.equals(method) && toTag(r) == null;
        if (newInvite && r.getHeader(OutboundOrder.HEADER) != null) return true;
        if (ourContactUser(r) != null) return true;
        if (Request.CANCEL.equals(method)) return calls.byInviteOf(r) != null;
        if (!newInvite || fromOurselves(in.sourceAddress(), in.sourcePort(), in.transport())) return false;
        String ruriUser = r.getRequestURI() instanceof SipURI s ? s.getUser() : null;
        String fromHost =
                ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI() instanceof SipURI from
                        ? from.getHost()
                        : null;
        return fromATrunk(in.sourceAddress(), in.sourcePort(), ruriUser, fromHost);
    }

    /**
     * {@link #accepts} for a new INVITE over UDP without a Route or {@code X-} headers (so without our signed
     * {@link OutboundOrder}): one to a gateway contact of ours, or one not sent by this process from a trunk's address
     * or claiming to be a trunk's.
     */
    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        if (isGatewayContact(invite.requestUriUser())) return true;
        if (fromOurselves(invite.sourceAddress(), invite.sourcePort(), ListeningPoint.UDP)) return false;
        return fromATrunk(invite.sourceAddress(), invite.sourcePort(), invite.requestUriUser(), invite.fromHost());
    }

    @Override
    public void handle(InboundRequest in) {
        Request r = in.request();
        String contactUser = ourContactUser(r);
        if (contactUser != null) {
            inDialog(in, contactUser);
        } else if (Request.CANCEL.equals(r.getMethod())) {
            cancel(in);
        } else if (r.getHeader(OutboundOrder.HEADER) != null) {
            outbound(in);
        } else {
            inboundCall(in);
        }
    }

    private void outbound(InboundRequest in) {
        Request r = in.request();
        String callId = callId(r);
        String value = headerValue(r, OutboundOrder.HEADER);
        Optional<String> payload = signatures.verify(callId, value);
        if (payload.isEmpty()) {
            log.warn(
                    "Refused INVITE from {}:{} to {}: its {} header is not signed by this appliance (toll fraud "
                            + "attempt?)",
                    in.sourceAddress(),
                    in.sourcePort(),
                    r.getRequestURI(),
                    OutboundOrder.HEADER);
            countIfUnspoofable(in, "forged trunk call");
            sip.responder().replyStateless(r, Response.FORBIDDEN, "Forbidden");
            return;
        }
        ServerTransaction server = sip.responder().serverTransaction(in);
        if (server == null) return; // a retransmission: the transaction answers it
        OutboundOrder order = OutboundOrder.decode(payload.get());
        OutboundTrunks.Choice choice;
        try {
            choice = outboundTrunks.choose(order, SdpBody.of(r));
        } catch (InvalidSdpException e) {
            reply(server, r, Response.BAD_REQUEST, "Bad SDP: " + e.getMessage());
            return;
        }
        List<UacTarget> targets = choice.targets();
        List<String> noCommonCodec = choice.noCommonCodec();
        if (targets.isEmpty() && !noCommonCodec.isEmpty()) {
            sip.notAcceptable(
                    server,
                    r,
                    "the phone offers none of the codecs trunk " + String.join(", ", noCommonCodec) + " allows");
            return;
        }
        if (targets.isEmpty()) {
            reply(server, r, Response.SERVICE_UNAVAILABLE, "No trunk available for " + order.number());
            return;
        }
        start(in, server, callId, targets, null, true);
    }

    /**
     * One INVITE over UDP is a single datagram whose source nobody checked (the 403 goes to the claimed address):
     * counting it would let anyone get the office or a provider banned (issue 22 finding 5). Over TCP/TLS the
     * handshake proves the source.
     */
    private void countIfUnspoofable(InboundRequest in, String what) {
        if (in.isReliableTransport()) bans.recordFailure(in.sourceAddress(), what + " over " + in.transport());
    }

    private void inboundCall(InboundRequest in) {
        Request r = in.request();
        Optional<Trunk> trunk = trunks.bySource(in.sourceAddress(), in.sourcePort());
        if (trunk.isEmpty()) {
            log.warn(
                    "Refused INVITE from {}:{} to {}: it claims to come from a trunk (From {}) but that address is "
                            + "no trunk's",
                    in.sourceAddress(),
                    in.sourcePort(),
                    r.getRequestURI(),
                    ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress());
            countIfUnspoofable(in, "spoofed trunk call");
            sip.responder().replyStateless(r, Response.FORBIDDEN, "Forbidden: not a trunk of this PBX");
            return;
        }
        ServerTransaction server = sip.responder().serverTransaction(in);
        if (server == null) return;
        Trunk t = trunk.get();
        String ruriUser = r.getRequestURI() instanceof SipURI s ? s.getUser() : null;
        String did = t.contactUser().equals(ruriUser) || ruriUser == null ? toUser(r) : ruriUser;
        Destination dest = inbound.destinationOf(did);
        if (dest instanceof Destination.Hangup) {
            log.info("Inbound call on trunk {} to DID {}: destination is hangup", t.id(), did);
            reply(server, r, Response.DECLINE, null);
            return;
        }
        String callId = callId(r);
        String offer = SdpBody.of(r);
        Optional<OfferRestriction.Restricted> restricted;
        try {
            restricted = OfferRestriction.forTrunk(offer, t);
        } catch (InvalidSdpException e) {
            reply(server, r, Response.BAD_REQUEST, "Bad SDP: " + e.getMessage());
            return;
        }
        if (restricted.isEmpty()) {
            log.info(
                    "Inbound call {} on trunk {} offers none of the codecs it allows ({})", callId, t.id(), t.codecs());
            sip.notAcceptable(server, r, "the offer has none of the codecs this PBX allows for the trunk");
            return;
        }
        try {
            String user = dest instanceof Destination.Extension e ? e.extension() : did;
            SipURI ruri = sip.transports().addressFactory().createSipURI(user, local.domain());
            Address from = (Address)
                    ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().clone();
            Address to = sip.address("<sip:" + user + "@" + local.domain() + ">");
            String origin = new TrustedOrigin(t.id(), did, dest.toString(), null).encode();
            UacTarget proxy = new UacTarget(
                    null,
                    null,
                    ruri,
                    GatewaySip.selfHop(sip.transports()),
                    "udp",
                    from,
                    to,
                    bCallId -> List.of(header(TrustedOrigin.HEADER, signatures.sign(bCallId, origin))),
                    null,
                    null,
                    restricted.get().sdp());
            log.info("Inbound call {} on trunk {} to DID {} → {}", callId, t.id(), did, dest);
            start(in, server, null, List.of(proxy), t.id(), false);
        } catch (ParseException e) {
            reply(server, r, Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    /**
     * @param inboundTrunk the trunk an inbound call came from (null: outbound, the route's trunks)
     * @param phoneOnA     whether the INVITE came from the proxy side (outbound) rather than a provider
     */
    private void start(
            InboundRequest in,
            ServerTransaction server,
            String reportCallId,
            List<UacTarget> targets,
            String inboundTrunk,
            boolean phoneOnA) {
        Request r = in.request();
        UasLeg a = new UasLeg(sip, server, r, GatewaySip.CONTACT_PREFIX + sip.token(8), in.transport());
        TrunkCall call =
                new TrunkCall(sip, calls, events, trunks, a, reportCallId, in.sourceHop(), inboundTrunk, phoneOnA);
        call.start(new UacLeg(
                sip, r, callId(r), targets, props.providerTimeout(), GatewaySip.CONTACT_PREFIX + sip.token(8), call));
    }

    private void inDialog(InboundRequest in, String contactUser) {
        Request r = in.request();
        TrunkCall call = calls.byContactUser(contactUser);
        if (Request.ACK.equals(r.getMethod())) {
            if (call != null) call.onAck(contactUser, r);
            return; // ACKs are never answered
        }
        ServerTransaction server = sip.responder().serverTransaction(in);
        if (server == null) return;
        if (call == null) {
            reply(server, r, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (Request.INVITE.equals(r.getMethod()) && toTag(r) == null && r.getHeader("Replaces") != null) {
            call.pickUp(new TrunkCall.InboundRequestView(in.transport(), in.sourceHop()), server, r);
            return;
        }
        call.inDialog(contactUser, server, r);
    }

    private void cancel(InboundRequest in) {
        TrunkCall call = calls.byInviteOf(in.request());
        ServerTransaction server = sip.responder().serverTransaction(in);
        if (server == null) return;
        reply(server, in.request(), Response.OK, null);
        if (call != null) call.onCancel();
    }

    /** The user part of the Request-URI when it is one of the gateway's contacts and no Route is left. */
    private static String ourContactUser(Request r) {
        if (r.getHeader(RouteHeader.NAME) != null || !(r.getRequestURI() instanceof SipURI uri)) return null;
        return isGatewayContact(uri.getUser()) ? uri.getUser() : null;
    }

    private static boolean isGatewayContact(String user) {
        return user != null && user.startsWith(GatewaySip.CONTACT_PREFIX);
    }

    /** A request sent by this very process (the gateway's own INVITEs into the proxy). */
    private boolean fromOurselves(String sourceAddress, int sourcePort, String transport) {
        return local.isLocalHost(sourceAddress)
                && sourcePort == sip.transports().port(transport);
    }

    /**
     * From a trunk's address, addressed to a trunk's registration contact, or From a provider's domain.
     *
     * @param ruriUser the Request-URI's user, null when none; {@code fromHost} the From URI's host, null when not SIP
     */
    private boolean fromATrunk(String sourceAddress, int sourcePort, String ruriUser, String fromHost) {
        return trunks.bySource(sourceAddress, sourcePort).isPresent()
                || (ruriUser != null && trunks.byContactUser(ruriUser).isPresent())
                || (fromHost != null && trunks.isProviderDomain(fromHost) && !local.isLocalHost(fromHost));
    }

    private Header header(String name, String value) {
        try {
            return sip.headers().createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reply(ServerTransaction server, Request r, int status, String reason) {
        Response response = sip.responder().create(r, status);
        try {
            if (reason != null) response.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        sip.responder().send(server, r, response);
    }

    private static String toTag(Request r) {
        return ((ToHeader) r.getHeader(ToHeader.NAME)).getTag();
    }

    private static String toUser(Request r) {
        return ((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI() instanceof SipURI s ? s.getUser() : null;
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static String headerValue(Request r, String name) {
        Header h = r.getHeader(name);
        if (h == null) return null;
        String s = h.toString();
        int colon = s.indexOf(':');
        return s.substring(colon + 1).strip();
    }
}
