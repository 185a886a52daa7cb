package org.tandem.pbx.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.messaging.MessagingProperties;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * A MESSAGE (RFC 3428) from a local user to a local user none of whose phones is registered: instead of 480 and a
 * lost message, it is stored and answered 202 Accepted (RFC 3428 §7: accepted, delivery later) once the row is
 * committed, so a crash after the 202 loses nothing. {@link StoredMessageDelivery} sends it on when a phone of the
 * user registers. A MESSAGE to a registered user is not ours: the proxy relays it as before. Runs on the
 * MESSAGE's stripe; the database on the messaging IO thread.
 */
@Component
public class MessageStore implements SipRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageStore.class);

    private final SipResponder responder;
    private final SipAuthenticator authenticator;
    private final LocalAddresses local;
    private final UserDirectory users;
    private final LocationService locations;
    private final SipTransports transports;
    private final SerialExecutors stripes;
    private final ThreadPoolExecutor io;
    private final StoredMessageRepository repository;
    private final StoredMessageDelivery delivery;
    private final MessagingProperties props;
    private final MessageHistoryRecorder history;

    public MessageStore(
            SipResponder responder,
            SipAuthenticator authenticator,
            LocalAddresses local,
            UserDirectory users,
            LocationService locations,
            SipTransports transports,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            @Qualifier("messagingIo") ThreadPoolExecutor io,
            StoredMessageRepository repository,
            StoredMessageDelivery delivery,
            MessagingProperties props,
            MessageHistoryRecorder history) {
        this.history = history;
        this.responder = responder;
        this.authenticator = authenticator;
        this.local = local;
        this.users = users;
        this.locations = locations;
        this.transports = transports;
        this.stripes = stripes;
        this.io = io;
        this.repository = repository;
        this.delivery = delivery;
        this.props = props;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.STORED_MESSAGES;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // MESSAGE only
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        Request request = inbound.request();
        if (!Request.MESSAGE.equals(inbound.method())
                || ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null
                || request.getHeader(RouteHeader.NAME) != null
                || !local.isLocal(request.getRequestURI())) {
            return false;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type != null && "im-iscomposing+xml".equalsIgnoreCase(type.getContentSubType())) {
            // RFC 3994: "is typing" is worth nothing later, so it is never kept: the proxy relays it unchanged to an
            // online user and answers 480 for an offline one (not 202, which would say it is kept for delivery)
            return false;
        }
        String user = ((SipURI) request.getRequestURI()).getUser();
        return user != null && users.exists(user) && locations.lookup(user).isEmpty();
    }

    @Override
    public void handle(InboundRequest inbound) {
        SipResponder.ServerTransactionResult obtained = responder.obtainServerTransaction(inbound);
        if (obtained.retransmission()) return;
        ServerTransaction tx = obtained.transaction();
        Request request = inbound.request();
        AuthOutcome outcome = authenticator.authenticateProxied(inbound);
        if (outcome instanceof AuthOutcome.Rejected rejected) {
            responder.send(tx, request, rejected.response());
            return;
        }
        String sender = ((AuthOutcome.Authenticated) outcome).extension();
        String recipient = ((SipURI) request.getRequestURI()).getUser();
        byte[] raw = request.getRawContent();
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        if (body.length() > props.maxBodyChars()) {
            reply(tx, request, Response.REQUEST_ENTITY_TOO_LARGE, "Message too long to keep for an offline user");
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String contentType = type == null ? "text/plain" : type.getContentType() + "/" + type.getContentSubType();
        long now = System.currentTimeMillis();
        StoredMessage m = new StoredMessage(
                0,
                recipient,
                request.getHeader(FromHeader.NAME)
                        .toString()
                        .substring(request.getHeader(FromHeader.NAME).toString().indexOf(':') + 1)
                        .strip(),
                sender,
                contentType,
                body,
                now,
                now + props.keepFor().toMillis());
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        CompletableFuture<Boolean> stored;
        try {
            stored = CompletableFuture.supplyAsync(() -> repository.store(m, props.maxStoredPerUser()), io);
        } catch (RejectedExecutionException e) {
            busy(tx, request);
            return;
        }
        stored.whenComplete((ok, failure) -> stripes.execute(callId, () -> {
            if (failure != null) {
                log.error("MESSAGE from {} for offline {} not stored: {}", sender, recipient, failure.toString());
                reply(tx, request, Response.SERVER_INTERNAL_ERROR, "The message could not be stored");
            } else if (!ok) {
                reply(
                        tx,
                        request,
                        Response.TEMPORARILY_UNAVAILABLE,
                        "Offline, and " + props.maxStoredPerUser() + " messages wait already");
            } else {
                log.info("MESSAGE from {} kept for {} until a phone of theirs registers", sender, recipient);
                reply(tx, request, Response.ACCEPTED, "Accepted, stored for delivery");
                history.stored(m);
                delivery.stored(recipient);
                // a phone may have registered while the row was written: its Registered came too early
                if (!locations.lookup(recipient).isEmpty()) delivery.deliver(recipient);
            }
        }));
    }

    private void busy(ServerTransaction tx, Request request) {
        Response r = responder.create(request, Response.SERVICE_UNAVAILABLE);
        try {
            r.addHeader(transports.headerFactory().createRetryAfterHeader(5));
        } catch (InvalidArgumentException e) {
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
