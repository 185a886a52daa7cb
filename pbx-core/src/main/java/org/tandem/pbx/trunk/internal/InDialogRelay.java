package org.tandem.pbx.trunk.internal;

import java.text.ParseException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Hop;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.sip.ClientTransactionListener;

/**
 * One request inside an established trunk call passed from one leg to the other (BYE, re-INVITE,
 * UPDATE, INFO...; RFC 3261 §12.2): sent on the other leg's dialog, its final answer passed back. A
 * 2xx to a re-INVITE is ACKed on the far leg at once (the near leg's ACK ends at the gateway).
 */
final class InDialogRelay implements ClientTransactionListener {

    private static final Logger log = LoggerFactory.getLogger(InDialogRelay.class);

    private final GatewaySip sip;
    private final ServerTransaction server;
    private final Request received;
    private LegDialog far;
    private String farTransport;
    private Hop farHop;

    private final ContactHeader nearContact;

    /** @param nearContact our Contact on the leg the request came from (for a 2xx to a re-INVITE) */
    InDialogRelay(GatewaySip sip, ServerTransaction server, Request received, ContactHeader nearContact) {
        this.nearContact = nearContact;
        this.sip = sip;
        this.server = server;
        this.received = received;
    }

    /** Sends the request on {@code far}; a failure to send answers 503 (RFC 3261 §16.9 in spirit). */
    void relay(LegDialog far, String farTransport, String farContactUser, Hop farHop) {
        this.far = far;
        this.farTransport = farTransport;
        this.farHop = farHop;
        try {
            Request out = far.newRequest(sip, received.getMethod());
            out.addFirst(sip.via(farTransport));
            out.setHeader(sip.contact(farContactUser, farTransport));
            for (String name :
                    new String[] {"Event", "Subscription-State", "Refer-To", "Referred-By", "Info-Package"}) {
                var h = received.getHeader(name);
                if (h != null) out.setHeader((Header) h.clone());
            }
            GatewaySip.copyBody(received, out);
            sip.send(out, far.routeSet.isEmpty() ? farHop : null, this);
        } catch (ParseException | SipException | RuntimeException e) {
            log.info("Cannot pass {} on to {}: {}", received.getMethod(), far.callId, e.getMessage());
            sip.responder().reply(server, received, Response.SERVICE_UNAVAILABLE);
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status < 200 && status != 183 && status != 180) return;
        if (status / 100 == 2 && Request.INVITE.equals(received.getMethod())) ackFar(r);
        Response back = sip.responder().create(received, status);
        try {
            back.setReasonPhrase(r.getReasonPhrase());
            GatewaySip.copyBody(r, back);
            if (status / 100 == 2 && Request.INVITE.equals(received.getMethod())) {
                back.setHeader((Header) nearContact.clone());
            }
        } catch (ParseException | RuntimeException e) {
            log.debug("Building the answer to {}: {}", received.getMethod(), e.getMessage());
        }
        sip.responder().send(server, received, back);
    }

    private void ackFar(Response ok) {
        try {
            long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = far.newRequest(sip, Request.ACK, cseq);
            ack.addFirst(sip.via(farTransport));
            sip.sendStateless(ack, far.routeSet.isEmpty() ? farHop : null);
        } catch (ParseException | SipException | RuntimeException e) {
            log.debug("ACK of re-INVITE on {}: {}", far.callId, e.getMessage());
        }
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        sip.responder().reply(server, received, Response.REQUEST_TIMEOUT);
    }
}
