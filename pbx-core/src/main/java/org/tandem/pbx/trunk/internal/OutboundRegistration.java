package org.tandem.pbx.trunk.internal;

import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ListIterator;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.auth.ClientDigest;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkRegistrationStatus;
import org.tandem.pbx.trunk.TrunkRegistrationStatus.State;

/**
 * One trunk's registration with its provider, RFC 3261 §10.2 as a UAC: REGISTER (one Call-ID, rising
 * CSeq, §10.2.4), answer one 401/407 per request with the trunk's credentials, refresh at 80% of the
 * granted expiry, honour 423 Min-Expires (§10.2.8), back off exponentially (capped) after failures.
 * Everything runs on the stripe of its Call-ID; timers only hop back onto it.
 */
final class OutboundRegistration implements ClientTransactionListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundRegistration.class);

    private final GatewaySip sip;
    private final Trunk trunk;
    private final String password;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final String callId;
    private final String fromTag;
    private long cseq;
    private int expires;
    private boolean challengeAnswered;
    private int failures;
    private boolean stopped;
    private ScheduledFuture<?> timer;
    private volatile TrunkRegistrationStatus status;

    OutboundRegistration(GatewaySip sip, Trunk trunk, String password, Duration retryInitial, Duration retryMax) {
        this.sip = sip;
        this.trunk = trunk;
        this.password = password;
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
        this.callId = sip.token(12) + "@tandem";
        this.fromTag = sip.token(6);
        this.expires = trunk.registerExpiry();
        this.status = new TrunkRegistrationStatus(trunk.id(), State.REGISTERING, null, null, Instant.now());
    }

    String callId() {
        return callId;
    }

    TrunkRegistrationStatus status() {
        return status;
    }

    /** Starts registering (on the stripe). */
    void start() {
        sip.onStripe(callId, () -> register(null));
    }

    /** Stops refreshing; {@code unregister}: also removes the binding at the provider (expires=0). */
    void stop(boolean unregister) {
        sip.onStripe(callId, () -> {
            stopped = true;
            if (timer != null) timer.cancel(false);
            if (unregister && status.state() == State.REGISTERED) {
                expires = 0;
                register(null);
            }
        });
    }

    private void register(Header credentials) {
        if (stopped && expires != 0) return;
        try {
            Request r = request(credentials);
            sip.send(r, hop(), this);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            fail("cannot send REGISTER to " + trunk.host() + ":" + trunk.port() + ": " + e.getMessage());
        }
    }

    /** §10.2: the Request-URI names the provider's domain (and, without a separate From domain, its port). */
    private SipURI registrarUri() throws ParseException {
        SipURI registrar = sip.transports().addressFactory().createSipURI(null, trunk.domain());
        if (trunk.fromDomain() == null) registrar.setPort(trunk.port());
        if (!"udp".equals(trunk.transport())) registrar.setTransportParam(trunk.transport());
        return registrar;
    }

    private Request request(Header credentials) throws ParseException, InvalidArgumentException, SipException {
        var h = sip.headers();
        SipURI registrar = registrarUri();
        Address aor = sip.address("<sip:" + trunk.username() + "@" + trunk.domain() + ">");
        LegDialog d = new LegDialog(callId, aor, fromTag, aor, 0);
        d.remoteTag = null;
        d.remoteTarget = registrar;
        Request r = d.newRequest(sip, Request.REGISTER, ++cseq);
        r.addFirst(sip.via(trunk.transport(), trunk.host()));
        ContactHeader contact = sip.contact(trunk.contactUser(), trunk.transport(), trunk.host());
        contact.setExpires(expires);
        r.setHeader(contact);
        r.setHeader(h.createExpiresHeader(expires));
        if (credentials != null) r.setHeader(credentials);
        return r;
    }

    private Hop hop() {
        return new HopImpl(trunk.host(), trunk.port(), trunk.transport().toUpperCase(Locale.ROOT));
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response r = event.getResponse();
        int code = r.getStatusCode();
        if (code < 200) return;
        if (expires == 0) {
            // removing the binding is challenged like adding it (§10.2.2)
            if ((code == 401 || code == 407) && !challengeAnswered) {
                challengeAnswered = true;
                if (answer(r)) return;
            }
            log.info("Trunk {} unregistered ({} {})", trunk.id(), code, r.getReasonPhrase());
            return;
        }
        if (stopped) return;
        if ((code == 401 || code == 407) && !challengeAnswered) {
            challengeAnswered = true;
            if (answer(r)) return;
        }
        challengeAnswered = false;
        if (code / 100 == 2) {
            int granted = granted(r);
            failures = 0;
            Duration refresh = Duration.ofSeconds(Math.max(1, granted * 8L / 10));
            Instant now = Instant.now();
            status = new TrunkRegistrationStatus(
                    trunk.id(), State.REGISTERED, null, now.plusSeconds(granted), now.plus(refresh));
            log.info("Trunk {} registered with {} for {} s", trunk.id(), trunk.host(), granted);
            schedule(refresh);
        } else if (code == 423 && r.getHeader(MinExpiresHeader.NAME) != null) {
            // §10.2.8: ask again with at least the registrar's minimum
            expires = Math.max(expires, ((MinExpiresHeader) r.getHeader(MinExpiresHeader.NAME)).getExpires());
            register(null);
        } else if (code == 401 || code == 407) {
            fail("the provider refused the credentials (" + code + " " + r.getReasonPhrase() + ")");
        } else {
            fail("the provider answered " + code + " " + r.getReasonPhrase());
        }
    }

    private boolean answer(Response r) {
        boolean www = r.getStatusCode() == 401;
        ListIterator<?> it = r.getHeaders(www ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME);
        while (it != null && it.hasNext()) {
            WWWAuthenticateHeader challenge = (WWWAuthenticateHeader) it.next();
            SipURI uri;
            try {
                uri = registrarUri();
            } catch (ParseException e) {
                return false;
            }
            var value = ClientDigest.answer(
                    challenge,
                    Request.REGISTER,
                    uri.toString(),
                    trunk.digestUser(),
                    password == null ? "" : password,
                    1);
            if (value.isEmpty()) continue;
            try {
                register(sip.headers()
                        .createHeader(www ? AuthorizationHeader.NAME : ProxyAuthorizationHeader.NAME, value.get()));
                return true;
            } catch (ParseException e) {
                return false;
            }
        }
        return false;
    }

    /** §10.2.4: the expiry of our contact in the 200, else its Expires header, else what we asked. */
    private int granted(Response r) {
        ListIterator<?> contacts = r.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            if (c.getAddress().getURI() instanceof SipURI u
                    && trunk.contactUser().equals(u.getUser())
                    && c.getExpires() >= 0) {
                return c.getExpires();
            }
        }
        ExpiresHeader e = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
        return e != null ? e.getExpires() : expires;
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        if (!stopped && expires != 0) fail("no answer from " + trunk.host() + ":" + trunk.port());
    }

    private void fail(String reason) {
        failures++;
        long factor = 1L << Math.min(failures - 1, 20);
        Duration wait = retryInitial.multipliedBy(factor);
        if (wait.compareTo(retryMax) > 0) wait = retryMax;
        status = new TrunkRegistrationStatus(
                trunk.id(), State.FAILED, reason, null, Instant.now().plus(wait));
        log.warn("Registration of trunk {} failed: {}; retrying in {}", trunk.id(), reason, wait);
        schedule(wait);
    }

    private void schedule(Duration delay) {
        if (timer != null) timer.cancel(false);
        timer = sip.later(callId, delay, () -> {
            challengeAnswered = false;
            register(null);
        });
    }
}
