package org.tandem.pbx.sip;

import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The requests Tandem originates to a phone outside a JAIN-SIP dialog — an unsolicited check-sync NOTIFY, the
 * NOTIFYs of a subscription it holds itself (message-summary, presence, dialog), a stored MESSAGE, a NAT keepalive
 * OPTIONS — sent along the phone's flow: to the address, port and transport its REGISTER or SUBSCRIBE came from
 * (RFC 3581, RFC 5626 §5.3; {@link NextHopRouter}), not to a Contact that may be private. One copy of "build, send in
 * a client transaction, listen for the final status" for all of them. The status comes back on the request's
 * Call-ID stripe ({@link ClientTransactionListener}); the hop applies to the calling thread only.
 */
public final class FlowRequests {

    /** RFC 3261 §8.1.1.6: the Max-Forwards a UAC starts with. */
    static final int MAX_FORWARDS = 70;

    private final SipTransports transports;

    public FlowRequests(SipTransports transports) {
        this.transports = transports;
    }

    /**
     * A request from this server: a Via for {@code transport} at the advertised host with rport (RFC 3581 §3, so the
     * answer comes back to the port it left from) and Max-Forwards 70; the caller adds what its method needs.
     */
    public Request create(
            URI target, String method, CallIdHeader callId, long cseq, FromHeader from, ToHeader to, String transport)
            throws ParseException, InvalidArgumentException {
        HeaderFactory headers = transports.headerFactory();
        ViaHeader via =
                headers.createViaHeader(transports.advertisedHost(), transports.port(transport), transport, null);
        via.setRPort();
        return transports
                .messageFactory()
                .createRequest(
                        target,
                        method,
                        callId,
                        headers.createCSeqHeader(cseq, method),
                        from,
                        to,
                        new ArrayList<>(List.of(via)),
                        headers.createMaxForwardsHeader(MAX_FORWARDS));
    }

    /** {@code <sip:user@advertised-host:port;transport=...>}: where the phone sends its requests within the subscription. */
    public ContactHeader contact(String user, String transport) throws ParseException {
        SipURI uri = transports.addressFactory().createSipURI(user, transports.advertisedHost());
        uri.setPort(transports.port(transport));
        uri.setTransportParam(transport);
        return transports
                .headerFactory()
                .createContactHeader(transports.addressFactory().createAddress(uri));
    }

    /**
     * Sends {@code request} in a new client transaction to {@code address}:{@code port} over {@code transport}.
     * {@code finalStatus} gets the status of the first final response, or 408 when the transaction times out
     * (RFC 3261 §17.1.2.2 Timer F); provisional responses are not reported.
     *
     * @throws SipException when the request could not be sent (callers report 503): nothing is reported then
     */
    public void send(Request request, String address, int port, String transport, IntConsumer finalStatus)
            throws SipException {
        send(request, new HopImpl(address, port, transport), finalStatus);
    }

    /**
     * {@link #send(Request, String, int, String, IntConsumer)} to a hop the caller holds (e.g. a dialog end's flow);
     * null: where the request's Route or Request-URI says (RFC 3261 §8.1.2).
     */
    public void send(Request request, Hop hop, IntConsumer finalStatus) throws SipException {
        NextHopRouter.sendVia(hop, () -> {
            ClientTransaction tx = transports.provider().getNewClientTransaction(request);
            tx.setApplicationData(new ClientTransactionListener() {
                @Override
                public void onResponse(ResponseEvent e) {
                    int status = e.getResponse().getStatusCode();
                    if (status >= 200) finalStatus.accept(status);
                }

                @Override
                public void onTimeout(TimeoutEvent e) {
                    finalStatus.accept(Response.REQUEST_TIMEOUT);
                }
            });
            tx.sendRequest();
            return null;
        });
    }
}
