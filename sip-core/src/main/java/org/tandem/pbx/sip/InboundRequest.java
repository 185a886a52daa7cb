package org.tandem.pbx.sip;

import gov.nist.javax.sip.stack.HopImpl;
import java.util.Locale;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.message.Request;

/**
 * A request as it arrived: the message plus where it really came from (which may differ from what
 * its Via claims, RFC 3581) and over which transport.
 *
 * @param transport lower-case: udp, tcp or tls
 */
public record InboundRequest(
        RequestEvent event, Request request, String sourceAddress, int sourcePort, String transport) {

    public String method() {
        return request.getMethod();
    }

    /** The server transaction the stack already matched, if any (null for new requests). */
    public ServerTransaction existingServerTransaction() {
        return event.getServerTransaction();
    }

    /** Where the request really came from, as a hop to send back to (RFC 3581: its source, not its Via's sent-by). */
    public Hop sourceHop() {
        return new HopImpl(sourceAddress, sourcePort, transport.toUpperCase(Locale.ROOT));
    }

    public boolean isReliableTransport() {
        return !"udp".equals(transport);
    }
}
