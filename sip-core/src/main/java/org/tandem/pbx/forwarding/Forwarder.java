package org.tandem.pbx.forwarding;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.sip.NextHopRouter;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * Builds the copies of a request this proxy sends on (RFC 3261 §16.6) and decides where they go,
 * plus the few stateless sends (ACK for 2xx, stray responses, §16.11). Shared by every response
 * context; holds no per-call state.
 */
public final class Forwarder {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    public static final int DEFAULT_MAX_FORWARDS = 70;

    final SipTransports transports;
    final SipResponder responder;
    final RouteSet routes;
    final BranchIds branches;
    final LocationService locations;
    final FlowTokens flows;
    final ContactMasks masks;
    final LiveDialogs live;

    public Forwarder(
            SipTransports transports,
            SipResponder responder,
            RouteSet routes,
            BranchIds branches,
            LocationService locations,
            FlowTokens flows) {
        this(transports, responder, routes, branches, locations, flows, host -> false, Duration.ofHours(12));
    }

    /** @param outside true for an address outside the local networks, whose receivers see no office Contact */
    public Forwarder(
            SipTransports transports,
            SipResponder responder,
            RouteSet routes,
            BranchIds branches,
            LocationService locations,
            FlowTokens flows,
            Predicate<String> outside,
            Duration dialogIdleTimeout) {
        this.transports = transports;
        this.responder = responder;
        this.routes = routes;
        this.branches = branches;
        this.locations = locations;
        this.flows = flows;
        this.masks = new ContactMasks(flows, routes, outside);
        this.live = new LiveDialogs(dialogIdleTimeout, Clock.systemUTC());
    }

    /** The SIP stack the forwarded messages go out on. */
    public SipTransports transports() {
        return transports;
    }

    /** Answers the proxy sends itself (RFC 3261 §16.3, §16.7 step 8). */
    public SipResponder responder() {
        return responder;
    }

    /** Record-Route and Route handling (§16.6 steps 4-6, §16.4). */
    public RouteSet routes() {
        return routes;
    }

    /** The branch ids of the proxy's own Vias (§16.6 step 8, §16.11). */
    public BranchIds branches() {
        return branches;
    }

    /** The registrar's bindings (§16.5 targets). */
    public LocationService locations() {
        return locations;
    }

    /** The flow tokens of our Record-Routes (RFC 5626 §5.3). */
    public FlowTokens flows() {
        return flows;
    }

    /** Contacts masked towards outside networks. */
    public ContactMasks masks() {
        return masks;
    }

    /** Dialogs seen alive (in-dialog requests of dead dialogs are refused). */
    public LiveDialogs live() {
        return live;
    }

    /**
     * The headers (lower-case names) a forwarded copy of a request shares with the received one (jain-sip patch
     * 0019): those that no step of forwarding changes in place. Cloned, as everything not named here: the Request-URI
     * (§16.6 step 2), Max-Forwards (step 3), Via (step 8), Route and Record-Route (steps 4–6), From (a ring group's
     * display-name prefix), To, Contact (masked towards NAT), Content-Length (an SDP the anchor rewrites). jain-sip's
     * own ACK and CANCEL for a copy clone what they take from it. The received request stays with its server
     * transaction, from which our own answers (408, 487, 503) are made: a shared header must stay unchanged, and a
     * header of a shared name is set or removed in a copy, never added to it (jain-sip adds to the list it has).
     */
    static final Set<String> UNCHANGED_DOWNSTREAM = Set.of(
            "call-id",
            "cseq",
            "content-type",
            "proxy-authorization",
            "user-agent",
            "allow",
            "supported",
            "allow-events",
            "accept");

    /**
     * §16.6 steps 1–3: copy the request, set the Request-URI to the target (null keeps it, e.g. for
     * in-dialog requests), decrement Max-Forwards (or add 70 when absent). The copy shares with the received
     * request the headers in {@link #UNCHANGED_DOWNSTREAM} and the body's bytes (a new body replaces them).
     */
    public Request copy(Request received, URI target) {
        Request copy = received instanceof SIPRequest request
                ? (Request) request.cloneSharing(UNCHANGED_DOWNSTREAM)
                : (Request) received.clone();
        if (target != null) copy.setRequestURI((URI) target.clone());
        decrementMaxForwards(copy);
        return copy;
    }

    /**
     * §16.6 steps 1–3 on the received request itself, for one that nothing else keeps once it is forwarded: an ACK
     * for a 2xx, relayed without a transaction (§16.11). No server transaction answers it and no response is built
     * from it, so the copy of {@link #copy} would only cost a deep clone of every header (issue 23).
     */
    public Request forwardInPlace(Request received) {
        decrementMaxForwards(received);
        return received;
    }

    private void decrementMaxForwards(Request copy) {
        try {
            MaxForwardsHeader mf = (MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME);
            if (mf == null) {
                copy.setHeader(transports.headerFactory().createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
            } else {
                mf.setMaxForwards(mf.getMaxForwards() - 1);
            }
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** §16.6 step 8: our Via on top, on the transport the copy leaves on. */
    public void addVia(Request copy, String transport, String branch) {
        String t = transport.toLowerCase(Locale.ROOT);
        try {
            ViaHeader via = transports
                    .headerFactory()
                    .createViaHeader(transports.advertisedHost(), transports.port(t), t, branch);
            via.setRPort(); // RFC 3581: ask the next hop to answer where our request came from
            copy.addFirst(via);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registered Contact as a URI (with or without angle brackets); null when it does not parse. */
    public URI parseContact(String contact) {
        try {
            String c = contact.strip();
            if (c.startsWith("<"))
                return transports.addressFactory().createAddress(c).getURI();
            return transports.addressFactory().createURI(c);
        } catch (ParseException e) {
            log.warn("Skipping unparseable contact {}", contact);
            return null;
        }
    }

    /** Where a registered contact is reached: the address and transport its REGISTER came from. */
    public static Hop hopOf(Binding binding) {
        return new HopImpl(
                binding.sourceAddress(),
                binding.sourcePort(),
                binding.transport().toUpperCase(Locale.ROOT));
    }

    /**
     * §16.6 step 7 for a copy whose target was not chosen from a binding: the top Route when there
     * is one; else, when the Request-URI is a registered contact, that UA's source address and
     * transport (NAT, connection reuse — RFC 3581, RFC 5626 §5.3); else the Request-URI.
     */
    public Hop nextHop(Request copy) throws SipException {
        if (copy.getHeader(RouteHeader.NAME) == null) {
            Optional<Binding> binding =
                    locations.findByContact(copy.getRequestURI().toString());
            if (binding.isPresent()) return hopOf(binding.get());
        }
        return transports.provider().getSipStack().getRouter().getNextHop(copy);
    }

    /**
     * RFC 5626 §5.3: a request routed to a party's flow (a flow token in our Record-Route) whose TCP/TLS connection
     * has closed is never sent on a new connection to the port the party connected from; {@link ClosedFlow} says
     * what happens instead (430 for an outbound flow, the party's own Contact when it is not NATed).
     */
    public boolean flowFailed(Hop flow) {
        return flow != null && !transports.connectionOpen(flow.getTransport(), flow.getHost(), flow.getPort());
    }

    public boolean canSendOn(Hop hop) {
        return hop != null && transports.hasTransport(hop.getTransport());
    }

    /** Sends a request statelessly (§16.11) to {@code hop}. */
    public void sendStateless(Request copy, Hop hop) throws SipException {
        NextHopRouter.sendVia(hop, () -> {
            transports.provider().sendRequest(copy);
            return null;
        });
    }

    /** Sends a response statelessly to the Via it now has on top (after ours was removed). */
    public void sendStateless(Response response) throws SipException {
        transports.provider().sendResponse(response);
    }

    /**
     * §16.7 step 9: a response forwarded upstream goes through the server transaction. jain-sip
     * refuses some responses a proxy must still relay (a 200 to INVITE without Contact, a 2xx to
     * SUBSCRIBE without Expires: a UAS's business, not ours); those are sent statelessly instead.
     */
    public void sendUpstream(ServerTransaction server, Response response) {
        try {
            server.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException refused) {
            log.debug(
                    "Server transaction refused {}: {}; relaying it statelessly",
                    response.getStatusCode(),
                    refused.getMessage());
            try {
                sendStateless(response);
            } catch (SipException | RuntimeException e) {
                log.debug("Cannot relay {} upstream: {}", response.getStatusCode(), e.getMessage());
            }
        }
    }

    /**
     * The headers (lower-case names) a response forwarded upstream shares with the received one instead of a clone
     * of each (jain-sip patch 0019, issue 23: the deep clone was ~14 KB per proxied call): those that neither the
     * forwarding path nor jain-sip's server transaction changes in place once a response is parsed. Cloned, as
     * everything not named here: Via (§16.7 step 3 removes ours, the server transaction sets the top one's branch),
     * From (the server transaction sets its tag), To (a tag for a response we synthesised, §8.2.6.2), Contact
     * (masked towards NAT, {@link ContactMasks}), Content-Length (an SDP the anchor rewrites) and the challenges
     * (aggregated, §16.7 step 7). The received response stays with jain-sip's client transaction, whose receive
     * thread may read it while the copy is sent: a shared header must stay unchanged, and a header of a shared
     * name is set or removed in a copy, never added to it (jain-sip adds to the list it has).
     */
    static final Set<String> UNCHANGED_UPSTREAM = Set.of(
            "call-id",
            "cseq",
            "record-route",
            "content-type",
            "server",
            "user-agent",
            "allow",
            "supported",
            "require",
            "allow-events",
            "accept");

    /**
     * §16.7 step 3: a response as it is forwarded upstream — a copy without our top Via, sharing with the received
     * response the headers in {@link #UNCHANGED_UPSTREAM} and the body's bytes (a new body replaces them).
     *
     * @return null when the top Via is not ours (not a response to something we forwarded)
     */
    public Response upstreamCopy(Response response) {
        ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (top == null || !branches.isOurs(top)) return null;
        Response copy = response instanceof SIPResponse received
                ? (Response) received.cloneSharing(UNCHANGED_UPSTREAM)
                : (Response) response.clone();
        copy.removeFirst(ViaHeader.NAME);
        return copy.getHeader(ViaHeader.NAME) == null ? null : copy;
    }
}
