package org.tandem.pbx.registrar.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.DigestDecision;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.registrar.RegistrarProperties;
import org.tandem.pbx.registrar.RegistrationEvents;
import org.tandem.pbx.sip.DatagramShortcut;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * The registrar: RFC 3261 §10.3, step by step. Every REGISTER reaching us is handled here (a REGISTER
 * for a domain we do not serve is refused rather than forwarded: the appliance is not an open relay).
 *
 * <p>Threading: steps 1–7 run on the request's Call-ID stripe and only touch memory; the binding change
 * is applied to the {@link LocationTable} atomically, then written to the database by the
 * {@link LocationWriter}; the 200 OK is sent (back on the stripe, or for UDP by the writer's thread while the stripe
 * is idle) only once the change is durable, so a crash right after a 200 loses nothing. A failed write is rolled back
 * in memory and answered 500.
 *
 * <p>A REGISTER over UDP in the forms phones send reaches it read from its datagram instead ({@link RegisterShortcut},
 * {@link #handle(RawRegister, DatagramShortcut.Sender)}): the same steps, answered through a {@link RegisterReply}
 * that writes text rather than jain-sip messages.
 */
public class Registrar implements SipRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    private final SipAuthenticator authenticator;
    private final SipResponder responder;
    private final SipTransports transports;
    private final LocalAddresses local;
    private final LocationTable table;
    private final RegistrationStore store;
    private final LocationWriter writer;
    private final SerialExecutors stripes;
    private final RegistrarProperties props;
    private final Clock clock;
    private final RegistrationEvents registrations;
    private final RegisterOk ok;
    private final UdpRegisterTransactions udpTransactions = new UdpRegisterTransactions();

    public Registrar(
            SipAuthenticator authenticator,
            SipResponder responder,
            SipTransports transports,
            LocalAddresses local,
            LocationTable table,
            RegistrationStore store,
            LocationWriter writer,
            SerialExecutors stripes,
            RegistrarProperties props,
            Clock clock,
            RegistrationEvents registrations) {
        this.registrations = registrations;
        this.authenticator = authenticator;
        this.responder = responder;
        this.transports = transports;
        this.local = local;
        this.table = table;
        this.store = store;
        this.writer = writer;
        this.stripes = stripes;
        this.props = props;
        this.clock = clock;
        this.ok = new RegisterOk(responder, transports, table, clock);
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.REGISTRAR;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // REGISTER only
    }

    @Override
    public boolean accepts(InboundRequest request) {
        return Request.REGISTER.equals(request.method());
    }

    @Override
    public void handle(InboundRequest inbound) {
        Request request = inbound.request();
        // Steps 1 and 2 and the challenge of step 3 give the same answer to the same request: sent without
        // transaction state (RFC 3261 §8.2.7), so they keep nothing for Timer J's 32 s (issue 23)
        // Step 1: the Request-URI must name a domain this registrar serves
        if (!(request.getRequestURI() instanceof SipURI ruri) || !local.isLocalHost(ruri.getHost())) {
            responder.replyStateless(request, Response.FORBIDDEN, "Domain not served here");
            return;
        }
        // Step 2: no extension is required of a registrar here → 420 listing what was required
        List<String> required = required(request);
        if (!required.isEmpty()) {
            Response r = responder.create(request, Response.BAD_EXTENSION);
            try {
                r.addHeader(transports.headerFactory().createUnsupportedHeader(String.join(", ", required)));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            responder.send(null, request, r);
            return;
        }
        // Step 3: authenticate (RFC 3261 §22, digest); unknown and known users look the same
        if (!authenticator.hasCredentials(inbound)
                && authenticator.authenticateRegister(inbound) instanceof AuthOutcome.Rejected challenge) {
            responder.send(null, request, challenge.response());
            return;
        }
        // a REGISTER with credentials changes state: from here in a transaction, so a retransmission is
        // absorbed by it rather than applied (or its nonce count judged a replay) a second time
        RegisterReply.Stack tx = begin(inbound);
        if (tx == null) return; // a retransmission: its transaction answered it or will
        AuthOutcome outcome = authenticator.authenticateRegister(inbound);
        if (outcome instanceof AuthOutcome.Rejected rejected) {
            tx.send(rejected.response());
            return;
        }
        String user = ((AuthOutcome.Authenticated) outcome).extension();
        // Step 4: the authenticated user may only modify its own AOR (the To header)
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!(to.getAddress().getURI() instanceof SipURI toUri) || !user.equals(toUri.getUser())) {
            tx.refuse(Response.FORBIDDEN, "Not allowed to register this address");
            return;
        }
        // Step 5: the AOR must belong to our domain (its user exists: it just authenticated)
        if (!local.isLocalHost(toUri.getHost())) {
            tx.refuse(Response.NOT_FOUND, "Not a user of this domain");
            return;
        }
        register(
                tx,
                user,
                RegisterContacts.parse(request, props),
                ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
                ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber(),
                inbound.transport(),
                RegisterContacts.userAgent(request));
    }

    /**
     * A REGISTER with credentials over UDP read from its datagram ({@link RegisterShortcut}), on its Call-ID's stripe:
     * the same steps as {@link #handle(InboundRequest)}, whose checks that need no state (steps 1, 2 and 5, the
     * request's form) {@link RawRegister} made before.
     */
    void handle(RawRegister raw, DatagramShortcut.Sender sender) {
        UdpRegisterTransactions.Key key = udpTransactions.key(
                raw.via().branch(), raw.via().host(), raw.via().viaPort(), raw.sourceAddress(), raw.sourcePort());
        UdpRegisterTransactions.Seen seen = udpTransactions.begin(key);
        if (seen instanceof UdpRegisterTransactions.Ok done) {
            // the bindings as they are now: the same as the first 200's unless the AOR changed since
            RegisterReply.Raw.send(raw, sender, raw.response(Response.OK, "OK", ok.lines(done.user())));
            return;
        } else if (seen instanceof UdpRegisterTransactions.AnsweredBytes done) {
            RegisterReply.Raw.send(raw, sender, done.response());
            return;
        } else if (seen instanceof UdpRegisterTransactions.Answered done) {
            RegisterReply.Raw.send(raw, sender, RegisterReply.Raw.bytes(done.response()));
            return;
        } else if (seen != null) {
            return; // still being written: its answer comes
        }
        RegisterReply.Raw reply = new RegisterReply.Raw(ok, udpTransactions, raw, sender, key);
        DigestDecision decision = authenticator.decideRegister(
                raw.credentials(),
                raw.requestUri(),
                raw.toUser(),
                raw.sourceAddress(),
                raw.sourcePort(),
                raw.userAgent());
        if (decision instanceof DigestDecision.Challenged c) {
            reply.challenge(c.challenge());
        } else if (decision instanceof DigestDecision.Forbidden) {
            reply.refuse(Response.FORBIDDEN, null);
        } else if (decision instanceof DigestDecision.OtherResource) {
            reply.refuse(Response.BAD_REQUEST, DigestDecision.OtherResource.REASON);
        } else {
            // Steps 4 and 5: the authenticated user is the To's (decideRegister), the To's domain ours (RawRegister)
            register(
                    reply,
                    ((DigestDecision.Authenticated) decision).extension(),
                    RegisterContacts.parse(raw, props),
                    raw.callId(),
                    raw.cseq(),
                    "udp",
                    RegisterContacts.userAgent(raw.userAgent()));
        }
    }

    /** Steps 6 to 8, for both ways a REGISTER is read. */
    private void register(
            RegisterReply reply,
            String user,
            RegisterContacts.Parsed parsed,
            String callId,
            long cseq,
            String transport,
            String userAgent) {
        // Steps 6 and 7: Contact headers, expiry of each
        if (parsed.failed()) {
            if (parsed.status() == Response.INTERVAL_TOO_BRIEF) reply.intervalTooBrief(props.minExpires());
            else reply.refuse(parsed.status(), parsed.reason());
            return;
        }
        BindingChange.Register register = new BindingChange.Register(
                user,
                callId,
                cseq,
                parsed.wildcard(),
                parsed.contacts(),
                reply.sourceAddress(),
                reply.sourcePort(),
                transport,
                userAgent);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocationTable.Update update = table.update(user, current -> BindingChange.apply(current, register, now));
        if (update.result() instanceof BindingChange.OutOfOrder ooo) {
            // Step 7: same Call-ID, CSeq not higher: "the update MUST be aborted and the request fails"
            log.info(
                    "REGISTER for {} from {}:{}: CSeq {} not above the binding's for {} -> 500",
                    user,
                    reply.sourceAddress(),
                    reply.sourcePort(),
                    cseq,
                    ooo.contactUri());
            reply.refuse(Response.SERVER_INTERNAL_ERROR, "Out-of-order CSeq for this Call-ID");
            return;
        }
        BindingChange.Applied applied = (BindingChange.Applied) update.result();
        if (applied.changesNothing()) {
            // A query (no Contact) or a no-op: step 8 straight away
            reply.ok(user);
            return;
        }
        writeThenAnswer(reply, user, callId, update.before(), applied);
    }

    /** The 200 OK is sent only after the change is durable (journalled or committed: {@link LocationWriter}). */
    private void writeThenAnswer(
            RegisterReply reply,
            String user,
            String callId,
            Map<String, Binding> before,
            BindingChange.Applied applied) {
        Thread stripeTask = Thread.currentThread();
        writer.submit(new BindingOp.Apply(user, applied.upserts(), applied.removedKeys()))
                .whenComplete((ok, failure) -> {
                    if (failure instanceof RejectedExecutionException) {
                        // never queued (this runs on the stripe): undo memory without touching the database
                        table.restoreIfUnchanged(user, applied.bindings(), before);
                    } else if (failure != null) {
                        rollBack(user, before, applied); // on the writer thread, after the failed transaction
                    }
                    Runnable answer = () -> answer(reply, user, applied, failure);
                    if (Thread.currentThread() == stripeTask) {
                        // done before whenComplete was called (a quick writer, a full queue): still in the
                        // REGISTER's own stripe task, which would find its stripe busy (itself) and queue the answer
                        answer.run();
                    } else if (!(answeredInPlace(reply, failure)
                            ? stripes.executeHereIfIdle(callId, answer)
                            : stripes.execute(callId, answer))) {
                        answer.run();
                    }
                });
    }

    /** The durable REGISTER's answer (step 8), or 503/500 when its change was refused or failed; on its stripe. */
    private void answer(RegisterReply reply, String user, BindingChange.Applied applied, Throwable failure) {
        if (failure == null) {
            reply.ok(user);
            if (!applied.bindings().isEmpty()) registrations.publish(new Registered(user));
        } else if (failure instanceof RejectedExecutionException) {
            // RFC 3261 §21.5.4: overloaded (the write queue is full); the phone retries later
            log.warn(
                    "REGISTER for {} from {}:{} shed with 503: registration write queue full",
                    user,
                    reply.sourceAddress(),
                    reply.sourcePort());
            reply.overloaded();
        } else {
            log.error(
                    "REGISTER for {} from {}:{} not saved; answered 500: {}",
                    user,
                    reply.sourceAddress(),
                    reply.sourcePort(),
                    rootMessage(failure));
            reply.refuse(Response.SERVER_INTERNAL_ERROR, "Registration could not be saved");
        }
    }

    /**
     * Whether the writer's thread may send a durable REGISTER's 200 itself when the Call-ID's stripe is idle (it then
     * owns the stripe for that task: still serial with the call's other work). A datagram's send does not wait for
     * the peer; handing the answer to the stripe's thread, which is woken for it and parks again, cost about as much
     * as building it (issue 23). A connection's send may wait for the peer, and the rare 500 and 503 answers go
     * through the stripe as before.
     */
    private static boolean answeredInPlace(RegisterReply reply, Throwable failure) {
        return failure == null && !reply.reliable();
    }

    /**
     * Memory goes back to what the database holds: the previous bindings when nobody changed the AOR
     * since, else (another REGISTER for it got in meanwhile) the AOR as stored. Runs on the writer thread.
     */
    private void rollBack(String user, Map<String, Binding> before, BindingChange.Applied applied) {
        if (table.restoreIfUnchanged(user, applied.bindings(), before)) return;
        try {
            Map<String, Binding> stored = new HashMap<>();
            for (Binding b : store.load(user)) stored.put(ContactKey.of(b.contactUri()), b);
            table.replace(user, stored);
        } catch (RuntimeException e) {
            log.warn("Cannot re-read the bindings of {} after a failed write: {}", user, e.toString());
        }
    }

    /**
     * The transaction of an authenticated REGISTER: over UDP an entry of {@link UdpRegisterTransactions} (and the
     * answers are sent statelessly), else a server transaction of the stack. Null for a retransmission, which is
     * answered here from what its first copy was answered, or dropped while that is still being written.
     */
    private RegisterReply.Stack begin(InboundRequest inbound) {
        Request request = inbound.request();
        UdpRegisterTransactions.Key key = udpTransactions.key(inbound);
        if (key == null) {
            ServerTransaction tx = responder.serverTransaction(inbound);
            return tx == null ? null : reply(inbound, tx, null);
        }
        UdpRegisterTransactions.Seen seen = udpTransactions.begin(key);
        if (seen == null) return reply(inbound, null, key);
        if (seen instanceof UdpRegisterTransactions.Ok done) {
            // the bindings as they are now: the same as the first 200's unless the AOR changed since
            responder.send(null, request, ok.of(request, done.user()));
        } else if (seen instanceof UdpRegisterTransactions.Answered done) {
            responder.send(null, request, done.response());
        } else if (seen instanceof UdpRegisterTransactions.AnsweredBytes) {
            // answered from its datagram: a copy the shortcut left to the stack (it reads every copy alike) is dropped
            log.debug(
                    "REGISTER retransmission from {} answered from its datagram first: dropped",
                    inbound.sourceAddress());
        }
        return null;
    }

    private RegisterReply.Stack reply(InboundRequest inbound, ServerTransaction tx, UdpRegisterTransactions.Key key) {
        return new RegisterReply.Stack(responder, transports, ok, udpTransactions, inbound, tx, key);
    }

    private static List<String> required(Request request) {
        List<String> tags = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(RequireHeader.NAME);
        while (it != null && it.hasNext()) {
            if (it.next() instanceof RequireHeader h && h.getOptionTag() != null) tags.add(h.getOptionTag());
        }
        return tags;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) c = c.getCause();
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
