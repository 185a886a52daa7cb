package org.tandem.pbx.proxy.internal;

import gov.nist.javax.sip.stack.HopImpl;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.tandem.pbx.sip.InboundRequest;

/**
 * The flow a dialog-creating request came in on (source address, port, transport), kept in our
 * Record-Route as a {@code flow} parameter, in the spirit of RFC 5626 §5.3 flow tokens. A request
 * later routed through that Record-Route towards the caller goes back over the same flow — through
 * the caller's NAT binding or on its TCP/TLS connection — even when the caller is not registered or
 * its Contact holds a private address. Requests arriving on that flow go the other way and ignore it.
 */
final class FlowTokens {

    static final String PARAM = "flow";

    private FlowTokens() {
    }

    static String encode(InboundRequest inbound) {
        String raw = inbound.transport().toLowerCase(Locale.ROOT) + "|" + inbound.sourceAddress() + "|" + inbound.sourcePort();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the flow in {@code token}, or null when it is absent or not ours */
    static Hop decode(String token) {
        if (token == null || token.isEmpty()) return null;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) return null;
            int port = Integer.parseInt(parts[2]);
            if (port <= 0 || port > 65535) return null;
            return new HopImpl(parts[1], port, parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * §16.6 step 7 for a request routed through our Record-Route: towards the flow recorded in the
     * Routes we popped when the request did not come from that flow; else the normal next hop.
     */
    static Hop hopFor(List<SipURI> popped, Request copy, InboundRequest inbound, Forwarder forwarder)
            throws SipException {
        if (copy.getHeader(RouteHeader.NAME) == null) {
            for (SipURI route : popped) {
                Hop flow = decode(route.getParameter(PARAM));
                if (flow != null && !isSame(flow, inbound)) return flow;
            }
        }
        return forwarder.nextHop(copy);
    }

    private static boolean isSame(Hop flow, InboundRequest inbound) {
        return flow.getPort() == inbound.sourcePort() && flow.getHost().equals(inbound.sourceAddress())
                && flow.getTransport().equalsIgnoreCase(inbound.transport());
    }
}
