package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UnsupportedHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.forwarding.BranchIds;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.forwarding.RequestValidation;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.TrustedOrigin;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;

/**
 * The stateful forking proxy (RFC 3261 §16): takes every request no earlier handler wanted.
 * Out-of-dialog requests to a local user are authenticated when they come from a local user,
 * then forked in parallel to every registered contact; in-dialog requests follow our
 * Record-Route; ACK for 2xx is forwarded statelessly; CANCEL ends the matching INVITE.
 */
public final class StatefulProxy implements SipRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(StatefulProxy.class);

    private final ProxyRuntime runtime;
    private final Forwarder forwarder;
    private final StatelessForwarding stateless;
    private final SipAuthenticator authenticator;
    private final UserDirectory users;
    private final LocalAddresses local;
    private final Duration inviteTimeout;

    private final boolean anonymousInbound;
    private final NewCalls newCalls;
    private final TrustedOrigins trustedOrigins;
    private final InDialogRequests inDialog;
    private final ApplicationEventPublisher events;

    public StatefulProxy(
            ProxyRuntime runtime,
            StatelessForwarding stateless,
            SipAuthenticator authenticator,
            UserDirectory users,
            LocalAddresses local,
            Duration inviteTimeout,
            boolean anonymousInbound,
            CallRouter router,
            LoopbackSignatures signatures,
            CallEvents calls,
            ApplicationEventPublisher events) {
        this.anonymousInbound = anonymousInbound;
        this.events = events;
        this.runtime = runtime;
        this.forwarder = runtime.forwarder();
        this.newCalls = new NewCalls(runtime, router, calls, inviteTimeout);
        this.trustedOrigins = new TrustedOrigins(signatures);
        this.inDialog = new InDialogRequests(runtime, new TransferorStamp(runtime, signatures), inviteTimeout);
        this.stateless = stateless;
        this.authenticator = authenticator;
        this.users = users;
        this.local = local;
        this.inviteTimeout = inviteTimeout;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.PROXY;
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        return !Request.REGISTER.equals(inbound.method()); // REGISTER belongs to the registrar only
    }

    @Override
    public void handle(InboundRequest inbound) {
        switch (inbound.method()) {
            case Request.ACK -> stateless.forwardAck(inbound);
            case Request.CANCEL -> cancel(inbound);
            default -> proxy(inbound);
        }
    }

    private void proxy(InboundRequest inbound) {
        Request request = inbound.request();
        // Refusals and challenges give the same answer to the same request: they are sent without transaction
        // state (RFC 3261 §8.2.7; a retransmission is answered again), so only a request that is forwarded or
        // carries credentials makes the stack keep a server transaction (issue 23: a 407 kept the INVITE for
        // 32 s). From the point a transaction is taken, a retransmission is absorbed by it.
        RequestValidation.Rejection invalid = RequestValidation.check(request);
        if (invalid != null) {
            // §16.3: refused
            log.info(
                    "Refused {} from {}:{}: {} {}",
                    request.getMethod(),
                    inbound.sourceAddress(),
                    inbound.sourcePort(),
                    invalid.status(),
                    invalid.reason());
            reject(null, request, invalid);
            return;
        }
        // §16.6 step 8: the loop hash is over the request as received. §16.4 below changes a request only by its
        // Route headers, so one that has them is hashed now; any other when it is known to go on (before its
        // credentials are removed), not when it is refused or challenged 407 (issue 23: a third of the hashes)
        String loopHash = request.getHeader(RouteHeader.NAME) == null ? null : BranchIds.loopHash(request);
        if (loopHash == null
                ? forwarder.branches().hasLooped(request) // §16.3 step 4: hashes only when one of our Vias is there
                : forwarder.branches().hasLooped(request, loopHash)) {
            log.info(
                    "Loop detected for {} {} from {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    inbound.sourceAddress());
            reply(null, request, Response.LOOP_DETECTED, null);
            return;
        }
        List<SipURI> popped = forwarder.routes().preprocess(request); // §16.4
        boolean hasToTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (hasToTag && !popped.isEmpty()) {
            SipResponder.ServerTransactionResult obtained =
                    forwarder.responder().obtainServerTransaction(inbound);
            if (obtained.retransmission()) return; // the server transaction answers it
            if (obtained.transaction() == null) {
                reply(null, request, Response.BAD_REQUEST, cannotForward(obtained));
                return;
            }
            inDialog.forward(inbound, obtained.transaction(), popped, loopHash);
            return;
        }
        if (request.getHeader(RouteHeader.NAME) != null || !local.isLocal(request.getRequestURI())) {
            log.info(
                    "Refused {} to {} from {}: not a local user",
                    request.getMethod(),
                    request.getRequestURI(),
                    inbound.sourceAddress());
            reply(null, request, Response.FORBIDDEN, "No open relay: only local users are served");
            return;
        }
        if (((SipURI) request.getRequestURI()).getUser() == null) {
            // addressed to the server itself, for a service it does not offer (yet)
            reply(null, request, Response.NOT_FOUND, "No such service on this server");
            return;
        }
        boolean spiral = fromOurselves(inbound);
        TrustedOrigin origin = spiral ? null : trustedOrigins.verify(inbound);
        String caller = null;
        SipResponder.ServerTransactionResult obtained = null;
        // a To tag without a Route through us is no dialog of ours: it is challenged like any other
        // Callers who are not local users are challenged too unless anonymous inbound is allowed: they
        // cannot answer, so nothing reaches a phone and 404/480 never tells a scanner which extensions exist
        if (!spiral && origin == null && (isFromLocalUser(request) || !anonymousInbound)) {
            if (!authenticator.hasCredentials(inbound)
                    && authenticator.authenticateProxied(inbound) instanceof AuthOutcome.Rejected challenge) {
                forwarder.responder().send(null, request, challenge.response());
                return;
            }
            if (loopHash == null) loopHash = BranchIds.loopHash(request); // with its credentials, as received
            // credentials are judged once: a retransmission must not be taken for a replayed nonce count
            obtained = forwarder.responder().obtainServerTransaction(inbound);
            if (obtained.retransmission()) return;
            ServerTransaction server = obtained.transaction();
            AuthOutcome outcome = authenticator.authenticateProxied(inbound);
            if (outcome instanceof AuthOutcome.Rejected rejected) {
                forwarder.responder().send(server, request, rejected.response());
                return;
            }
            caller = ((AuthOutcome.Authenticated) outcome).extension();
            removeOurCredentials(request);
            String fromUser = ((SipURI) ((FromHeader) request.getHeader(FromHeader.NAME))
                            .getAddress()
                            .getURI())
                    .getUser();
            if (!caller.equals(fromUser)) {
                log.info(
                        "{} from {} authenticated as {} but claims From {}",
                        request.getMethod(),
                        inbound.sourceAddress(),
                        caller,
                        fromUser);
                reply(server, request, Response.FORBIDDEN, "From does not match the credentials");
                return;
            }
        }
        if (loopHash == null) loopHash = BranchIds.loopHash(request);
        if (obtained == null) {
            obtained = forwarder.responder().obtainServerTransaction(inbound);
            if (obtained.retransmission()) return; // the server transaction answers it
        }
        ServerTransaction server = obtained.transaction();
        if (server == null) {
            log.info("Cannot forward {} from {}: {}", request.getMethod(), inbound.sourceAddress(), obtained.refusal());
            reply(null, request, Response.BAD_REQUEST, cannotForward(obtained));
            return;
        }
        if (Request.INVITE.equals(request.getMethod()) && !spiral) {
            newCalls.start(inbound, server, loopHash, caller, origin);
        } else {
            forwardToUser(inbound, server, loopHash, spiral ? null : caller, spiral);
        }
    }

    /** The reason phrase for a request the stack keeps no transaction for (e.g. INVITE without Contact). */
    private static String cannotForward(SipResponder.ServerTransactionResult obtained) {
        String why = obtained.refusal() == null ? "" : obtained.refusal().replaceAll("[\\r\\n]", " ");
        return why.isBlank() ? "Cannot forward this request" : "Cannot forward: " + why;
    }

    /** §16.5 target set: every device bound to the extension in the Request-URI (RFC 5626 §5.3); §16.6 per target. */
    private void forwardToUser(
            InboundRequest inbound, ServerTransaction server, String loopHash, String caller, boolean spiral) {
        Request request = inbound.request();
        String extension = ((SipURI) request.getRequestURI()).getUser();
        if (!users.exists(extension)) {
            reply(server, request, Response.NOT_FOUND, null);
            return;
        }
        List<Binding> bindings = forwarder.locations().targets(extension);
        if (bindings.isEmpty()) {
            reply(server, request, Response.TEMPORARILY_UNAVAILABLE, null);
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) reply(server, request, Response.TRYING, null);
        RelayedMessages.forwarded(events, request, caller, extension);
        ResponseContext context = new ResponseContext(runtime, request, server, caller, spiral ? null : extension);
        boolean recordRoute = isDialogCreating(request.getMethod());
        if (recordRoute) forwarder.live().routed(callId(request));
        String flow = forwarder.flows().encode(inbound, callId(request));
        for (Binding binding : bindings) {
            URI target = forwarder.parseContact(binding.contactUri());
            if (target == null) continue;
            Request copy = forwarder.copy(request, target);
            forwarder.masks().onRequest(inbound.sourceAddress(), copy, binding.transport(), binding.sourceAddress());
            if (recordRoute) {
                forwarder
                        .routes()
                        .recordRoute(
                                copy,
                                inbound.transport(),
                                binding.transport(),
                                inbound.sourceAddress(),
                                binding.sourceAddress(),
                                flow,
                                forwarder.flows().encode(Forwarder.hopOf(binding), callId(request)));
            }
            forwarder.addVia(copy, binding.transport(), forwarder.branches().newBranch(loopHash));
            context.addBranch(copy, Forwarder.hopOf(binding));
        }
        context.start(inviteTimeout);
    }

    /** §16.10: CANCEL is hop by hop — 200 it, then cancel what the matching INVITE started. */
    private void cancel(InboundRequest inbound) {
        Request request = inbound.request();
        SipResponder.ServerTransactionResult obtained = forwarder.responder().obtainServerTransaction(inbound);
        ServerTransaction server = obtained.transaction();
        if (server == null) return;
        ResponseContext context = runtime.contexts().find(request);
        if (context == null) {
            reply(server, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        reply(server, request, Response.OK, null);
        context.onUpstreamCancel();
    }

    /**
     * RFC 3261 §22.3: credentials for our realm were consumed here; the callee has no use for them.
     * Those for other realms (further proxies) are left alone.
     */
    private void removeOurCredentials(Request request) {
        List<ProxyAuthorizationHeader> keep = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ProxyAuthorizationHeader.NAME);
        boolean removed = false;
        while (it != null && it.hasNext()) {
            ProxyAuthorizationHeader h = (ProxyAuthorizationHeader) it.next();
            if (local.domain().equalsIgnoreCase(h.getRealm())) removed = true;
            else keep.add(h);
        }
        if (!removed) return;
        request.removeHeader(ProxyAuthorizationHeader.NAME);
        keep.forEach(request::addHeader);
    }

    private boolean isFromLocalUser(Request request) {
        URI from =
                ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        return from instanceof SipURI sip && local.isLocalHost(sip.getHost());
    }

    /**
     * A request this proxy sent to itself (a spiral, e.g. a contact that is one of our AORs): it was
     * authenticated on its first pass.
     */
    private boolean fromOurselves(InboundRequest inbound) {
        ViaHeader top = (ViaHeader) inbound.request().getHeader(ViaHeader.NAME);
        return local.isLocalHost(inbound.sourceAddress())
                && top != null
                && forwarder.branches().isOurs(top);
    }

    private static boolean isDialogCreating(String method) {
        return Request.INVITE.equals(method)
                || Request.SUBSCRIBE.equals(method)
                || Request.REFER.equals(method)
                || Request.NOTIFY.equals(method);
    }

    private void reject(ServerTransaction server, Request request, RequestValidation.Rejection rejection) {
        Response response;
        try {
            response = forwarder.responder().create(request, rejection.status());
        } catch (RuntimeException e) {
            log.debug("Cannot even answer a malformed {}: dropped", request.getMethod());
            return;
        }
        try {
            response.setReasonPhrase(rejection.reason());
            for (String tag : rejection.unsupported()) {
                UnsupportedHeader h = forwarder.transports().headerFactory().createUnsupportedHeader(tag);
                response.addHeader(h);
            }
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        forwarder.responder().send(server, request, response);
    }

    private void reply(ServerTransaction server, Request request, int status, String reason) {
        ProxyReplies.reply(forwarder, server, request, status, reason);
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
