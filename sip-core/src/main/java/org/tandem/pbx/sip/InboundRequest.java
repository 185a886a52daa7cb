package org.tandem.pbx.sip;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
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

    public boolean isReliableTransport() {
        return !"udp".equals(transport);
    }
}
