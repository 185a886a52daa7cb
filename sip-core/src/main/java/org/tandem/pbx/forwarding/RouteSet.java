package org.tandem.pbx.forwarding;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipTransports;

/**
 * The Route / Record-Route side of the proxy: what we insert into Record-Route (RFC 3261 §16.6
 * step 4, with RFC 5658 double record-routing when a request changes transport) and how we consume
 * our own entries again when in-dialog requests come back (§16.4).
 */
public final class RouteSet {

    /** A From tag that is a URI parameter value as it is (RFC 3261 §25.1 paramchar, without escapes). */
    private static final Pattern URI_SAFE_TAG = Pattern.compile("[A-Za-z0-9._~!*'()+-]+");

    private final SipTransports transports;
    private final LocalAddresses local;
    private final UnaryOperator<String> facing;

    public RouteSet(SipTransports transports, LocalAddresses local) {
        this(transports, local, peer -> null);
    }

    /**
     * @param facing the host to name ourselves by to a peer at an address (null: the advertised host): the external
     *               address for parties outside the local networks when the appliance sits behind a router that
     *               forwards SIP to it, whose LAN address they cannot reach (issue 20)
     */
    public RouteSet(SipTransports transports, LocalAddresses local, UnaryOperator<String> facing) {
        this.transports = transports;
        this.local = local;
        this.facing = facing;
    }

    /** Our host as the party at {@code peerAddress} must see it (null peer: the advertised host). */
    public String hostFacing(String peerAddress) {
        String h = peerAddress == null ? null : facing.apply(peerAddress);
        return h == null ? transports.advertisedHost() : h;
    }

    /** Our URI for one of our interfaces: {@code sip:host:port;transport=t;lr}. */
    public SipURI ourUri(String transport) {
        return ourUri(transport, null);
    }

    /** As {@link #ourUri(String)}, named as the party at {@code peerAddress} reaches us. */
    public SipURI ourUri(String transport, String peerAddress) {
        try {
            String t = transport.toLowerCase(Locale.ROOT);
            SipURI uri = transports.addressFactory().createSipURI(null, hostFacing(peerAddress));
            uri.setPort(transports.port(t));
            uri.setTransportParam(t);
            uri.setLrParam();
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URI this proxy put in a Record-Route (or a Route naming this proxy): no user part, ours. */
    public boolean isOurs(URI uri) {
        return uri instanceof SipURI sip && sip.getUser() == null && local.isLocal(sip);
    }

    /** True when {@code host} is one of this appliance's own names or addresses. */
    public boolean isLocalHost(String host) {
        return local.isLocalHost(host);
    }

    AddressFactory addressFactory() {
        return transports.addressFactory();
    }

    /** True when {@code hop} is one of our own listening points. */
    public boolean isUs(Hop hop) {
        return local.isLocalHost(hop.getHost()) && hop.getPort() == transports.port(hop.getTransport());
    }

    /**
     * RFC 3261 §16.6 step 4 and RFC 5658 §3.4: one Record-Route when the request leaves on the
     * transport it came in on; two when it changes transport (top: the interface towards the next
     * hop, second: the interface towards the previous hop), so each side of the dialog reaches us
     * over its own transport. The entry facing the previous hop carries its flow token.
     */
    public void recordRoute(Request copy, String inTransport, String outTransport, String flowToken) {
        recordRoute(copy, inTransport, outTransport, flowToken, null);
    }

    /**
     * As below, each entry named as the side it faces reaches us: {@code fromPeer} (the previous hop's address) and
     * {@code toPeer} (the next hop's). When the two sides know us by different hosts — a phone outside and one in the
     * office, behind a router that forwards SIP — it is a double Record-Route even on one transport (RFC 5658 §3.4).
     */
    public void recordRoute(
            Request copy,
            String inTransport,
            String outTransport,
            String fromPeer,
            String toPeer,
            String flowToken,
            String calleeFlowToken) {
        addRecordRoutes(
                copy, inTransport, outTransport, hostFacing(fromPeer), hostFacing(toPeer), flowToken, calleeFlowToken);
    }

    /**
     * As above; the entry facing the next hop also carries {@code calleeFlowToken} (null: none), the flow
     * of the registered phone the copy is sent to, and the caller's From tag that tells the two
     * directions apart (RFC 5626 §5.3, see {@link FlowTokens}).
     */
    public void recordRoute(
            Request copy, String inTransport, String outTransport, String flowToken, String calleeFlowToken) {
        String host = transports.advertisedHost();
        addRecordRoutes(copy, inTransport, outTransport, host, host, flowToken, calleeFlowToken);
    }

    private void addRecordRoutes(
            Request copy,
            String inTransport,
            String outTransport,
            String inHost,
            String outHost,
            String flowToken,
            String calleeFlowToken) {
        var headers = transports.headerFactory();
        var addresses = transports.addressFactory();
        boolean single = inTransport.equalsIgnoreCase(outTransport) && inHost.equalsIgnoreCase(outHost);
        // bottom first: the entry facing the previous hop, then (on top) the one facing the next hop
        List<Boolean> facingPrevious = single ? List.of(true) : List.of(true, false);
        for (boolean previous : facingPrevious) {
            String t = previous ? inTransport : outTransport;
            SipURI uri = ourUri(t);
            try {
                uri.setHost(previous ? inHost : outHost);
                if (flowToken != null && previous) {
                    uri.setParameter(FlowTokens.PARAM, flowToken); // the caller's flow, see FlowTokens
                }
                if (calleeFlowToken != null && (single || !previous)) {
                    uri.setParameter(FlowTokens.CALLEE_PARAM, calleeFlowToken);
                    String fromTag = ((FromHeader) copy.getHeader(FromHeader.NAME)).getTag();
                    if (fromTag != null && URI_SAFE_TAG.matcher(fromTag).matches()) {
                        uri.setParameter(FlowTokens.FROM_TAG_PARAM, fromTag);
                    }
                }
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            Address address = addresses.createAddress(uri);
            RecordRouteHeader rr = headers.createRecordRouteHeader(address);
            addFirst(copy, rr);
        }
    }

    /**
     * RFC 3261 §16.4 route information preprocessing, in place.
     * <ul>
     * <li>A strict router before us put our Record-Route value into the Request-URI: restore the
     *     real Request-URI from the last Route value.</li>
     * <li>Remove the top Route when it names us; also the next ones while they name us too (the
     *     second half of a double Record-Route, RFC 5658, or the Record-Routes of a spiral): sending
     *     the request to ourselves would only remove them one hop later.</li>
     * </ul>
     *
     * @return the Routes of ours that were removed (empty when none)
     */
    public List<SipURI> preprocess(Request request) {
        List<SipURI> popped = new ArrayList<>(2);
        if (isOurs(request.getRequestURI()) && request.getHeader(RouteHeader.NAME) != null) {
            List<RouteHeader> routes = routes(request);
            RouteHeader last = routes.get(routes.size() - 1);
            if (request.getRequestURI() instanceof SipURI ours) popped.add(ours);
            request.setRequestURI(last.getAddress().getURI());
            request.removeHeader(RouteHeader.NAME);
            for (RouteHeader r : routes.subList(0, routes.size() - 1)) request.addHeader(r);
        }
        // every consecutive Route naming us: two for a double Record-Route, more after a spiral
        while (true) {
            RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
            if (top == null || !isOurs(top.getAddress().getURI())) break;
            popped.add((SipURI) top.getAddress().getURI());
            request.removeFirst(RouteHeader.NAME);
        }
        return popped;
    }

    private static void addFirst(Request request, Header header) {
        try {
            request.addFirst(header);
        } catch (SipException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RouteHeader> routes(Request request) {
        List<RouteHeader> list = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(RouteHeader.NAME);
        while (it.hasNext()) list.add((RouteHeader) it.next());
        return list;
    }
}
