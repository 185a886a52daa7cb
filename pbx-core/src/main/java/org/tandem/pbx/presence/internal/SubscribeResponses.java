package org.tandem.pbx.presence.internal;

import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import java.util.ListIterator;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.presence.PresenceProperties;
import org.tandem.pbx.sip.FlowRequests;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * The answers to a SUBSCRIBE ({@link SubscribeHandler} decides which): the 200 with Contact and the granted
 * Expires, 423 with Min-Expires, 421 for a list without eventlist, 503 with Retry-After, and the other refusals
 * with a reason phrase that says why. Also what a SUBSCRIBE's headers allow: its Accept and its Expires.
 */
final class SubscribeResponses {

    private final SipResponder responder;
    private final SipTransports transports;
    private final FlowRequests requests;
    private final PresenceProperties props;

    SubscribeResponses(SipResponder responder, SipTransports transports, PresenceProperties props) {
        this.responder = responder;
        this.transports = transports;
        this.requests = new FlowRequests(transports);
        this.props = props;
    }

    void send(ServerTransaction tx, Request request, Response response) {
        responder.send(tx, request, response);
    }

    /** The 200 to a SUBSCRIBE of {@code resource}: our Contact (RFC 6665 §4.1.3) and the granted Expires. */
    Response ok(Request request, String resource, int expires) {
        Response ok = responder.create(request, Response.OK);
        try {
            String transport = request instanceof SIPRequest r && r.getTopmostVia() != null
                    ? r.getTopmostVia().getTransport().toLowerCase()
                    : "udp";
            ok.addHeader(requests.contact(resource, transport));
            ok.addHeader(transports.headerFactory().createExpiresHeader(expires));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("Cannot build the 200 to SUBSCRIBE", e);
        }
        return ok;
    }

    /** RFC 4662 §5: {@code Require: eventlist} on a list subscription's answer. */
    void requireEventlist(Response response) {
        try {
            response.addHeader(transports.headerFactory().createRequireHeader("eventlist"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4662 §5: 421 with {@code Require: eventlist}, to a list subscriber that does not support it. */
    void extensionRequired(ServerTransaction tx, Request request) {
        Response r = responder.create(request, Response.EXTENSION_REQUIRED);
        requireEventlist(r);
        responder.send(tx, request, r);
    }

    /** 503 with Retry-After (RFC 3261 §21.5.4): too many SUBSCRIBEs from one source. */
    void slowDown(ServerTransaction tx, Request request, int retryAfterSeconds) {
        Response r = responder.create(request, Response.SERVICE_UNAVAILABLE);
        try {
            r.setReasonPhrase("Too many SUBSCRIBEs, slow down");
            r.addHeader(transports.headerFactory().createRetryAfterHeader(retryAfterSeconds));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    /**
     * RFC 6665 §4.2.1.1, RFC 4235 §3.2 and RFC 3856 §6.4 (default 3600 s): the granted duration, or null when refused
     * (423 sent).
     */
    Integer expires(Request request, ServerTransaction tx) {
        ExpiresHeader h = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        int asked = h == null ? props.dialogMaxExpires() : h.getExpires();
        if (asked == 0) return 0;
        if (asked < props.dialogMinExpires()) {
            tooBrief(responder, transports, props, request, tx);
            return null;
        }
        return Math.min(asked, props.dialogMaxExpires());
    }

    /** 423 Interval Too Brief with our Min-Expires (RFC 6665 §4.2.1.1, RFC 3903 §6 step 5 for PUBLISH). */
    static void tooBrief(
            SipResponder responder,
            SipTransports transports,
            PresenceProperties props,
            Request request,
            ServerTransaction tx) {
        Response r = responder.create(request, Response.INTERVAL_TOO_BRIEF);
        try {
            r.addHeader(transports.headerFactory().createMinExpiresHeader(props.dialogMinExpires()));
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    /** Whether the Accept headers allow {@code offered} (type/subtype). */
    static boolean accepts(Request request, String offered) {
        ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
        // RFC 4235 §3.3, RFC 3856 §6.6: without Accept, the package's default type (the one we offer)
        if (!accepts.hasNext()) return true;
        String offeredType = offered.substring(0, offered.indexOf('/'));
        String offeredSub = offered.substring(offered.indexOf('/') + 1);
        while (accepts.hasNext()) {
            AcceptHeader a = (AcceptHeader) accepts.next();
            String type = a.getContentType() == null ? "*" : a.getContentType();
            String sub = a.getContentSubType() == null ? "*" : a.getContentSubType();
            if (("*".equals(type) || offeredType.equalsIgnoreCase(type))
                    && ("*".equals(sub) || offeredSub.equalsIgnoreCase(sub))) return true;
        }
        return false;
    }

    /** A final answer with {@code reason} as its phrase (else the standard one). */
    void reply(ServerTransaction tx, Request request, int status, String reason) {
        Response r = responder.create(request, status);
        if (reason != null) {
            try {
                r.setReasonPhrase(reason);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        responder.send(tx, request, r);
    }
}
