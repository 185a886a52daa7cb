package org.tandem.pbx.presence.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.RouteHeader;
import javax.sip.header.SIPIfMatchHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.presence.PresenceProperties;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * The event state compositor for presence (RFC 3903 §6 over RFC 3856): a PUBLISH with {@code Event: presence} to a
 * user of the domain, from that user (digest-authenticated; anyone else gets 403). Initial publication (a body, no
 * {@code SIP-If-Match}), refresh (no body), modify (both) and removal ({@code Expires: 0}) each as §6 says: 412 for
 * an entity-tag we do not hold, 423 with Min-Expires below the minimum, 415 for a body that is not
 * application/pidf+xml, 413 above {@value PidfDocument#MAX_BYTES} bytes, 400 with the reason for a document that is
 * no PIDF. The 200 carries the new SIP-ETag and the granted Expires; the watchers are then told. From memory, on the
 * PUBLISH's Call-ID stripe.
 */
@Component
public class PresencePublish implements SipRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(PresencePublish.class);

    private final SipResponder responder;
    private final SipAuthenticator authenticator;
    private final LocalAddresses local;
    private final SipTransports transports;
    private final UserDirectory users;
    private final PresencePackage presence;
    private final PresenceProperties props;

    public PresencePublish(
            SipResponder responder,
            SipAuthenticator authenticator,
            LocalAddresses local,
            SipTransports transports,
            UserDirectory users,
            PresencePackage presence,
            PresenceProperties props) {
        this.responder = responder;
        this.authenticator = authenticator;
        this.local = local;
        this.transports = transports;
        this.users = users;
        this.presence = presence;
        this.props = props;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.PRESENCE_PUBLICATIONS;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // PUBLISH only
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        Request request = inbound.request();
        if (!Request.PUBLISH.equals(inbound.method()) || request.getHeader(RouteHeader.NAME) != null) return false;
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        return event != null
                && PresencePackage.EVENT.equalsIgnoreCase(event.getEventType())
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null
                && local.isLocal(request.getRequestURI());
    }

    @Override
    public void handle(InboundRequest inbound) {
        SipResponder.ServerTransactionResult obtained = responder.obtainServerTransaction(inbound);
        if (obtained.retransmission()) return;
        ServerTransaction tx = obtained.transaction();
        Request request = inbound.request();
        // authenticated first, so that nobody learns from us which users exist
        AuthOutcome outcome = authenticator.authenticateProxied(inbound);
        if (outcome instanceof AuthOutcome.Rejected rejected) {
            responder.send(tx, request, rejected.response());
            return;
        }
        String publisher = ((AuthOutcome.Authenticated) outcome).extension();
        String presentity = request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        if (presentity == null || !users.exists(presentity)) {
            reply(tx, request, Response.NOT_FOUND, "No user " + presentity); // RFC 3903 §6 step 2
            return;
        }
        if (!publisher.equals(presentity)) {
            reply(tx, request, Response.FORBIDDEN, "Only " + presentity + " may publish " + presentity + "'s presence");
            return;
        }
        ExpiresHeader asked = request.getExpires();
        int expires = asked == null ? props.dialogMaxExpires() : asked.getExpires();
        String ifMatch = ifMatch(request);
        byte[] raw = request.getRawContent();
        boolean hasBody = raw != null && raw.length > 0;
        if (expires == 0) {
            remove(tx, request, presentity, ifMatch);
            return;
        }
        if (expires < props.dialogMinExpires()) {
            SubscribeResponses.tooBrief(responder, transports, props, request, tx); // RFC 3903 §6 step 5
            return;
        }
        expires = Math.min(expires, props.dialogMaxExpires());
        if (ifMatch == null && !hasBody) {
            reply(tx, request, Response.BAD_REQUEST, "An initial PUBLISH needs a body"); // RFC 3903 §6 step 6
            return;
        }
        String document = null;
        if (hasBody) {
            document = document(tx, request, raw);
            if (document == null) return;
        }
        String etag = presence.publications()
                .put(presentity, ifMatch, document, System.currentTimeMillis() + expires * 1000L);
        if (etag == null) {
            reply(tx, request, Response.CONDITIONAL_REQUEST_FAILED, "No publication " + ifMatch); // §6 step 4
            return;
        }
        accepted(tx, request, etag, expires);
        log.debug("Presence of {} published ({} s, {})", presentity, expires, ifMatch == null ? "new" : "replacing");
        if (document != null) presence.published(presentity); // a refresh changes nothing a watcher sees
    }

    /** The checked document, or null when refused (the response is sent). */
    private String document(ServerTransaction tx, Request request, byte[] raw) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type == null
                || !PidfDocument.CONTENT_TYPE.equalsIgnoreCase(
                        type.getContentType() + "/" + type.getContentSubType())) {
            Response r = responder.create(request, Response.UNSUPPORTED_MEDIA_TYPE);
            try {
                r.addHeader(transports.headerFactory().createAcceptHeader("application", "pidf+xml"));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            responder.send(tx, request, r);
            return null;
        }
        if (raw.length > PidfDocument.MAX_BYTES) {
            reply(
                    tx,
                    request,
                    Response.REQUEST_ENTITY_TOO_LARGE,
                    "Presence document over " + PidfDocument.MAX_BYTES + " bytes");
            return null;
        }
        String xml = new String(raw, StandardCharsets.UTF_8);
        try {
            PidfDocument.parse(xml);
        } catch (PidfDocument.InvalidPidf e) {
            reply(tx, request, Response.BAD_REQUEST, "Not a PIDF document: " + e.getMessage());
            return null;
        }
        return xml;
    }

    private void remove(ServerTransaction tx, Request request, String presentity, String ifMatch) {
        if (ifMatch == null || !presence.publications().remove(presentity, ifMatch)) {
            reply(tx, request, Response.CONDITIONAL_REQUEST_FAILED, "No publication " + ifMatch); // §6 step 4
            return;
        }
        accepted(tx, request, ifMatch, 0);
        presence.published(presentity);
    }

    private static String ifMatch(Request request) {
        Header h = request.getHeader("SIP-If-Match");
        if (h == null) return null;
        if (h instanceof SIPIfMatchHeader m) return m.getETag();
        if (h instanceof ExtensionHeader x) return x.getValue().strip();
        String s = h.toString();
        return s.substring(s.indexOf(':') + 1).strip();
    }

    /** 200 with the entity-tag and the granted Expires (RFC 3903 §6 step 8). */
    private void accepted(ServerTransaction tx, Request request, String etag, int expires) {
        Response r = responder.create(request, Response.OK);
        try {
            r.addHeader(transports.headerFactory().createSIPETagHeader(etag));
            r.addHeader(transports.headerFactory().createExpiresHeader(expires));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    private void reply(ServerTransaction tx, Request request, int status, String reason) {
        Response r = responder.create(request, status);
        try {
            r.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }
}
