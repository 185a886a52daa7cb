package org.tandem.pbx.trunk.internal;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.stack.HopImpl;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.NextHopRouter;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * What the gateway's legs and the registration client share: building our Via/Contact, tags and
 * Call-IDs, sending in new client transactions, and timers that fire back on a Call-ID's stripe.
 */
final class GatewaySip {

    /** User part prefix of the gateway's own Contacts: in-dialog requests to them are the gateway's. */
    static final String CONTACT_PREFIX = "tgw-";

    private final SipTransports transports;
    private final SipResponder responder;
    private final SerialExecutors stripes;
    private final ScheduledExecutorService timer;
    private final SecureRandom random = new SecureRandom();
    private final LoopbackSignatures signatures;
    private final ExternalAddress external;

    GatewaySip(
            SipTransports transports,
            SipResponder responder,
            SerialExecutors stripes,
            ScheduledExecutorService timer,
            LoopbackSignatures signatures) {
        this(transports, responder, stripes, timer, signatures, null);
    }

    GatewaySip(
            SipTransports transports,
            SipResponder responder,
            SerialExecutors stripes,
            ScheduledExecutorService timer,
            LoopbackSignatures signatures,
            ExternalAddress external) {
        this.external = external;
        this.signatures = signatures;
        this.transports = transports;
        this.responder = responder;
        this.stripes = stripes;
        this.timer = timer;
    }

    HeaderFactory headers() {
        return transports.headerFactory();
    }

    MessageFactory messages() {
        return transports.messageFactory();
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

    String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * A new Call-ID that lands on the same stripe as {@code homeCallId}: both legs of a call then run
     * on one thread, and the bridge between them needs no hop between stripes (docs/architecture.md, threading model).
     */
    String callIdOnStripeOf(String homeCallId) {
        int stripes = this.stripes.stripeCount();
        int want = Math.floorMod(homeCallId.hashCode(), stripes);
        for (int i = 0; i < 10_000; i++) {
            String candidate = token(10) + "@tandem";
            if (Math.floorMod(candidate.hashCode(), stripes) == want) return candidate;
        }
        throw new IllegalStateException("no Call-ID found for stripe " + want);
    }

    /** Our Contact for a gateway leg: {@code <sip:tgw-...@host:port;transport=..>}. */
    ContactHeader contact(String user, String transport) throws ParseException {
        return contact(user, transport, null);
    }

    /**
     * Our Contact towards {@code peerHost}: behind NAT, a provider outside the LAN gets the external host
     * from the setup wizard (RFC 3261 §8.1.1.8: the Contact must be reachable by the peer).
     */
    ContactHeader contact(String user, String transport, String peerHost) throws ParseException {
        SipURI uri = transports.addressFactory().createSipURI(user, advertisedTo(peerHost));
        uri.setPort(transports.port(transport));
        if (!"udp".equalsIgnoreCase(transport)) uri.setTransportParam(transport.toLowerCase());
        return headers().createContactHeader(transports.addressFactory().createAddress(uri));
    }

    /**
     * Where this process reaches itself (the proxy and the gateway spiral to each other): the bind address,
     * or loopback when bound to every interface — never the advertised address, which behind NAT may be a
     * public one that does not hairpin.
     */
    static Hop selfHop(SipTransports transports) {
        String bind = transports.properties().bindAddress();
        String host = "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
        return new HopImpl(host, transports.port("udp"), "UDP");
    }

    /** Our Via for a request leaving on {@code transport}; jain-sip adds the branch. */
    ViaHeader via(String transport) {
        return via(transport, null);
    }

    /** Our Via towards {@code peerHost} (RFC 3261 §18.2.1 sent-by: the external host for a public peer). */
    ViaHeader via(String transport, String peerHost) {
        try {
            ViaHeader via = headers()
                    .createViaHeader(advertisedTo(peerHost), transports.port(transport), transport.toLowerCase(), null);
            via.setRPort();
            return via;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    private String advertisedTo(String peerHost) {
        return external == null
                ? transports.advertisedHost()
                : external.advertisedTo(peerHost, transports.advertisedHost());
    }

    Address address(String uri) throws ParseException {
        return transports.addressFactory().createAddress(uri);
    }

    /**
     * RFC 3261 §21.4.26 488: the offer's media cannot be used; the Warning says why (§20.43 code 305, incompatible
     * media format), as RFC 3264 §6 has an answerer that accepts none of the offered formats refuse the offer. To a
     * re-INVITE or UPDATE it leaves the session as it was (§14.2).
     */
    void notAcceptable(ServerTransaction server, Request r, String why) {
        Response response = responder().create(r, Response.NOT_ACCEPTABLE_HERE);
        try {
            response.addHeader(headers()
                    .createWarningHeader(transports.advertisedHost(), 305, "Incompatible media format: " + why));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        responder().send(server, r, response);
    }

    /** Copies the body and its Content-Type (SDP and anything else: the endpoints' business). */
    static void copyBody(Message from, Message to) throws ParseException {
        byte[] body = from.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        if (body != null && body.length > 0 && type != null) {
            to.setContent(body, (ContentTypeHeader) type.clone());
        }
    }

    /** Sends {@code request} in a new client transaction (to {@code hop}, or by its Route/Request-URI). */
    ClientTransaction send(Request request, Hop hop, ClientTransactionListener listener) throws SipException {
        return NextHopRouter.sendVia(hop, () -> {
            ClientTransaction ct = transports.provider().getNewClientTransaction(request);
            ct.setApplicationData(listener);
            ct.sendRequest();
            return ct;
        });
    }

    /**
     * Sends without a transaction (ACK for 2xx, RFC 3261 §13.2.2.4). Our Via gets its branch here, with the magic
     * cookie (§8.1.1.7): jain-sip would give a Via without one an RFC 2543 transaction id, and a request without the
     * cookie is matched against every server transaction of the stack that receives it (§17.2.3's older rules).
     */
    void sendStateless(Request request, Hop hop) throws SipException {
        if (request.getHeader(ViaHeader.NAME) instanceof ViaHeader top
                && (top.getBranch() == null || top.getBranch().isEmpty())) {
            try {
                top.setBranch(Utils.getInstance().generateBranchId());
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        NextHopRouter.sendVia(hop, () -> {
            transports.provider().sendRequest(request);
            return null;
        });
    }

    /** Runs {@code task} on {@code callId}'s stripe after {@code delay}. */
    ScheduledFuture<?> later(String callId, Duration delay, Runnable task) {
        return timer.schedule(() -> stripes.execute(callId, task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStripe(String callId, Runnable task) {
        stripes.execute(callId, task);
    }
}
