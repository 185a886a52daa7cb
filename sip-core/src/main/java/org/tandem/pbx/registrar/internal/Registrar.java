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
import javax.sip.InvalidArgumentException;
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
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.registrar.RegistrarProperties;
import org.tandem.pbx.registrar.RegistrationEvents;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
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
        Reply tx = begin(inbound);
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
            tx.send(response(request, Response.FORBIDDEN, "Not allowed to register this address"));
            return;
        }
        // Step 5: the AOR must belong to our domain (its user exists: it just authenticated)
        if (!local.isLocalHost(toUri.getHost())) {
            tx.send(response(request, Response.NOT_FOUND, "Not a user of this domain"));
            return;
        }
        // Steps 6 and 7: Contact headers, expiry of each
        RegisterContacts.Parsed parsed = RegisterContacts.parse(request, props);
        if (parsed.failed()) {
            replyParseError(tx, request, parsed);
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        BindingChange.Register register = new BindingChange.Register(
                user,
                callId,
                cseq,
                parsed.wildcard(),
                parsed.contacts(),
                inbound.sourceAddress(),
                inbound.sourcePort(),
                inbound.transport(),
                RegisterContacts.userAgent(request));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocationTable.Update update = table.update(user, current -> BindingChange.apply(current, register, now));
        if (update.result() instanceof BindingChange.OutOfOrder ooo) {
            // Step 7: same Call-ID, CSeq not higher: "the update MUST be aborted and the request fails"
            log.info(
                    "REGISTER for {} from {}:{}: CSeq {} not above the binding's for {} -> 500",
                    user,
                    inbound.sourceAddress(),
                    inbound.sourcePort(),
                    cseq,
                    ooo.contactUri());
            tx.send(response(request, Response.SERVER_INTERNAL_ERROR, "Out-of-order CSeq for this Call-ID"));
            return;
        }
        BindingChange.Applied applied = (BindingChange.Applied) update.result();
        if (applied.changesNothing()) {
            // A query (no Contact) or a no-op: step 8 straight away
            tx.send(ok.of(request, user));
            return;
        }
        writeThenAnswer(inbound, tx, user, callId, update.before(), applied);
    }

    /** The 200 OK is sent only after the change is durable (journalled or committed: {@link LocationWriter}). */
    private void writeThenAnswer(
            InboundRequest inbound,
            Reply tx,
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
                    Runnable answer = () -> answer(inbound, tx, user, applied, failure);
                    if (Thread.currentThread() == stripeTask) {
                        // done before whenComplete was called (a quick writer, a full queue): still in the
                        // REGISTER's own stripe task, which would find its stripe busy (itself) and queue the answer
                        answer.run();
                    } else if (!(answeredInPlace(inbound, failure)
                            ? stripes.executeHereIfIdle(callId, answer)
                            : stripes.execute(callId, answer))) {
                        answer.run();
                    }
                });
    }

    /** The durable REGISTER's answer (step 8), or 503/500 when its change was refused or failed; on its stripe. */
    private void answer(
            InboundRequest inbound, Reply tx, String user, BindingChange.Applied applied, Throwable failure) {
        Request request = inbound.request();
        if (failure == null) {
            tx.send(ok.of(request, user));
            if (!applied.bindings().isEmpty()) registrations.publish(new Registered(user));
        } else if (failure instanceof RejectedExecutionException) {
            // RFC 3261 §21.5.4: overloaded (the write queue is full); the phone retries later
            log.warn(
                    "REGISTER for {} from {}:{} shed with 503: registration write queue full",
                    user,
                    inbound.sourceAddress(),
                    inbound.sourcePort());
            Response busy = responder.create(request, Response.SERVICE_UNAVAILABLE);
            try {
                busy.addHeader(transports.headerFactory().createRetryAfterHeader(5));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            tx.send(busy);
        } else {
            log.error(
                    "REGISTER for {} from {}:{} not saved; answered 500: {}",
                    user,
                    inbound.sourceAddress(),
                    inbound.sourcePort(),
                    rootMessage(failure));
            tx.send(response(request, Response.SERVER_INTERNAL_ERROR, "Registration could not be saved"));
        }
    }

    /**
     * Whether the writer's thread may send a durable REGISTER's 200 itself when the Call-ID's stripe is idle (it then
     * owns the stripe for that task: still serial with the call's other work). A datagram's send does not wait for
     * the peer; handing the answer to the stripe's thread, which is woken for it and parks again, cost about as much
     * as building it (issue 23). A connection's send may wait for the peer, and the rare 500 and 503 answers go
     * through the stripe as before.
     */
    private static boolean answeredInPlace(InboundRequest inbound, Throwable failure) {
        return failure == null && !inbound.isReliableTransport();
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

    private void replyParseError(Reply tx, Request request, RegisterContacts.Parsed parsed) {
        if (parsed.status() == Response.INTERVAL_TOO_BRIEF) {
            Response r = responder.create(request, Response.INTERVAL_TOO_BRIEF);
            try {
                r.addHeader(transports.headerFactory().createMinExpiresHeader(props.minExpires()));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            tx.send(r);
        } else {
            tx.send(response(request, parsed.status(), parsed.reason()));
        }
    }

    private Response response(Request request, int status, String reason) {
        Response r = responder.create(request, status);
        try {
            if (reason != null) r.setReasonPhrase(reason);
        } catch (ParseException e) {
            // keep the standard phrase
        }
        return r;
    }

    /**
     * The transaction of an authenticated REGISTER: over UDP an entry of {@link UdpRegisterTransactions} (and the
     * answers are sent statelessly), else a server transaction of the stack. Null for a retransmission, which is
     * answered here from what its first copy was answered, or dropped while that is still being written.
     */
    private Reply begin(InboundRequest inbound) {
        Request request = inbound.request();
        UdpRegisterTransactions.Key key = udpTransactions.key(inbound);
        if (key == null) {
            ServerTransaction tx = responder.serverTransaction(inbound);
            return tx == null ? null : new Reply(request, tx, null);
        }
        UdpRegisterTransactions.Seen seen = udpTransactions.begin(key);
        if (seen == null) return new Reply(request, null, key);
        if (seen instanceof UdpRegisterTransactions.Ok done) {
            // the bindings as they are now: the same as the first 200's unless the AOR changed since
            responder.send(null, request, ok.of(request, done.user()));
        } else if (seen instanceof UdpRegisterTransactions.Answered done) {
            responder.send(null, request, done.response());
        }
        return null;
    }

    /** Where a REGISTER's final response goes: its server transaction, or statelessly with its UDP entry. */
    private final class Reply {
        private final Request request;
        private final ServerTransaction tx;
        private final UdpRegisterTransactions.Key udpKey;

        Reply(Request request, ServerTransaction tx, UdpRegisterTransactions.Key udpKey) {
            this.request = request;
            this.tx = tx;
            this.udpKey = udpKey;
        }

        void send(Response response) {
            responder.send(tx, request, response);
            if (udpKey != null) udpTransactions.answered(udpKey, response);
        }
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
