package org.tandem.pbx.auth.internal;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.tandem.pbx.auth.DigestChallenge;
import org.tandem.pbx.auth.DigestCredentials;
import org.tandem.pbx.auth.DigestDecision;
import org.tandem.pbx.auth.DigestProperties;
import org.tandem.pbx.auth.DigestVerifier;
import org.tandem.pbx.auth.Nonces;
import org.tandem.pbx.auth.SipAccountChanged;
import org.tandem.pbx.auth.SipAccounts;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * Digest authentication for the registrar (401, RFC 3261 §22.2) and the proxy (407, §22.3), with
 * the algorithms of RFC 8760: a challenge per configured algorithm ({@code tandem.auth.algorithms}), SHA-256 only
 * to user agents known to handle it ({@link DigestOffer}), all with qop="auth" and the same nonce, realm = the
 * SIP domain. The credentials' digest-uri must name the Request-URI (RFC 7616 §3.4.6, {@link DigestUri}).
 *
 * <p>Callers decide which requests to authenticate: CANCEL and ACK must never be challenged (RFC 3261
 * §22.1: they cannot be resubmitted with credentials; a CANCEL is matched to the INVITE it cancels and
 * an ACK for a non-2xx belongs to the INVITE transaction).
 *
 * <p>Whatever goes wrong, an unknown user gets the very same answers as a known one (see
 * {@link DigestVerifier}, {@link Ha1Cache}); every failure is logged with its source address and reported to the
 * {@link BanRegistry}. A failure is only a wrong answer to a nonce issued to the very address answering
 * ({@link Nonces}), so nobody can get an address banned by sending made-up answers in its name (issue 22
 * finding 5). Everything here runs from memory: no blocking on the SIP stripe.
 */
@Component
public class DigestAuthenticator implements SipAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(DigestAuthenticator.class);

    private enum Mode {
        REGISTER(AuthorizationHeader.NAME, Response.UNAUTHORIZED),
        PROXIED(ProxyAuthorizationHeader.NAME, Response.PROXY_AUTHENTICATION_REQUIRED);

        final String credentialsHeader;
        final int challengeStatus;

        Mode(String credentialsHeader, int challengeStatus) {
            this.credentialsHeader = credentialsHeader;
            this.challengeStatus = challengeStatus;
        }
    }

    private final SipTransports transports;
    private final SipResponder responder;
    private final BanRegistry bans;
    private final Nonces nonces;
    private final DigestVerifier verifier;
    private final Ha1Cache ha1s;
    private final DigestOffer offer;
    private final LocalAddresses local;

    @Autowired
    public DigestAuthenticator(
            SipDomain domain,
            DigestProperties props,
            SipAccounts users,
            SipTransports transports,
            SipResponder responder,
            BanRegistry bans,
            // no Clock bean in the appliance (the system clock); a test may supply one
            LocalAddresses local,
            ObjectProvider<Clock> clock) {
        this(
                domain::current,
                props,
                users::sipSecret,
                transports,
                responder,
                bans,
                clock.getIfAvailable(Clock::systemUTC),
                bootKey(),
                local);
    }

    DigestAuthenticator(
            Supplier<String> realm,
            DigestProperties props,
            Function<String, Optional<String>> secrets,
            SipTransports transports,
            SipResponder responder,
            BanRegistry bans,
            Clock clock,
            byte[] key,
            LocalAddresses local) {
        this.transports = transports;
        this.local = local;
        this.responder = responder;
        this.bans = bans;
        this.nonces = new Nonces(key, clock, props.nonceLifetime());
        // SIP's own nonce space (its key), bound to source addresses, with the nonce count checked (RFC 7616 §3.4)
        this.verifier = new DigestVerifier(
                realm,
                props.algorithms().stream()
                        .map(a -> DigestAlgorithm.fromToken(a).orElseThrow())
                        .toList(),
                nonces,
                DigestVerifier.NonceCount.CHECKED);
        this.ha1s = new Ha1Cache(verifier, secrets);
        this.offer = new DigestOffer(verifier.offered(), props.sha256UserAgents());
    }

    private static byte[] bootKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public AuthOutcome authenticateRegister(InboundRequest request) {
        return authenticate(request, Mode.REGISTER);
    }

    @Override
    public AuthOutcome authenticateProxied(InboundRequest request) {
        return authenticate(request, Mode.PROXIED);
    }

    @Override
    public boolean hasCredentials(InboundRequest request) {
        Mode mode = Request.REGISTER.equals(request.method()) ? Mode.REGISTER : Mode.PROXIED;
        return credentialsForOurRealm(request.request(), mode) != null;
    }

    @EventListener
    public void onAccountChanged(SipAccountChanged event) {
        ha1s.forget(event.extension());
    }

    private AuthOutcome authenticate(InboundRequest inbound, Mode mode) {
        Request request = inbound.request();
        AuthorizationHeader credentials = credentialsForOurRealm(request, mode);
        if (credentials == null) return challenge(inbound, mode, false);
        DigestDecision decision = decide(
                StackCredentials.of(credentials),
                request.getMethod(),
                request.getRequestURI(),
                inbound.sourceAddress(),
                inbound.sourcePort(),
                inbound.transport(),
                StackCredentials.aorUser(request, mode == Mode.REGISTER),
                StackCredentials.userAgent(request));
        if (decision instanceof DigestDecision.Authenticated ok) return new AuthOutcome.Authenticated(ok.extension());
        if (decision instanceof DigestDecision.Challenged c) {
            return new AuthOutcome.Rejected(challengeResponse(request, mode, c.challenge()));
        }
        if (decision instanceof DigestDecision.Forbidden) {
            return new AuthOutcome.Rejected(responder.create(request, Response.FORBIDDEN));
        }
        Response bad = responder.create(request, Response.BAD_REQUEST);
        try {
            bad.setReasonPhrase(DigestDecision.OtherResource.REASON);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return new AuthOutcome.Rejected(bad);
    }

    @Override
    public DigestDecision decideRegister(
            DigestCredentials credentials,
            String requestUri,
            String aorUser,
            String source,
            int sourcePort,
            String userAgent) {
        // RawRegister checked the Request-URI: a SIP URI naming this appliance. Parsed only when the digest-uri's
        // text does not tell (issue 23: a jain-sip URI parse was ~2 % of the receive thread's work per REGISTER)
        if (credentials.uri() == null || DigestUri.sameAsWritten(credentials.uri(), requestUri, local)) {
            return verified(credentials, Request.REGISTER, source, sourcePort, "udp", aorUser, userAgent);
        }
        URI uri;
        try {
            uri = transports.addressFactory().createURI(requestUri);
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a Request-URI: " + requestUri, e);
        }
        return decide(credentials, Request.REGISTER, uri, source, sourcePort, "udp", aorUser, userAgent);
    }

    /**
     * The decision on credentials for our realm: the digest-uri must name the Request-URI, then the answer is verified
     * ({@link DigestVerifier}); every failure is logged with its source and a wrong answer reported to the bans.
     */
    private DigestDecision decide(
            DigestCredentials c,
            String method,
            URI requestUri,
            String source,
            int sourcePort,
            String transport,
            String aorUser,
            String userAgent) {
        if (c.uri() != null && !DigestUri.sameResource(c.uri(), requestUri, transports.addressFactory(), local)) {
            // RFC 7616 §3.4.6 (RFC 3261 §22.4): an answer computed for another resource is no answer for this one.
            // Not counted as a failure: nothing about the password was tried.
            log.warn(
                    "{} from {}:{}: digest uri '{}' is not the Request-URI '{}' -> 400",
                    method,
                    source,
                    sourcePort,
                    printable(c.uri()),
                    printable(requestUri.toString()));
            return new DigestDecision.OtherResource();
        }
        return verified(c, method, source, sourcePort, transport, aorUser, userAgent);
    }

    /** The answer verified ({@link DigestVerifier}), its digest-uri found to name the Request-URI. */
    private DigestDecision verified(
            DigestCredentials c,
            String method,
            String source,
            int sourcePort,
            String transport,
            String aorUser,
            String userAgent) {
        DigestVerifier.Verdict verdict = verifier.verify(c, method, source, alg -> ha1s.ha1(c.username(), alg));
        switch (verdict) {
            case OK -> {
                if (!c.username().equals(aorUser)) {
                    // RFC 3261 §10.3 step 4 / §22.3: right password, but for another user than the AOR
                    log.warn(
                            "{} from {}:{}: user '{}' authenticated but the request is for '{}' -> 403",
                            method,
                            source,
                            sourcePort,
                            printable(c.username()),
                            printable(aorUser));
                    return new DigestDecision.Forbidden();
                }
                bans.recordAuthenticated(source);
                return new DigestDecision.Authenticated(c.username());
            }
            case STALE -> {
                return new DigestDecision.Challenged(challenge(source, userAgent, true));
            }
            case FOREIGN -> {
                // RFC 7616 §3.3 stale=true: a phone answering a nonce from before our restart retries silently.
                // Not a failure: anyone can send a made-up nonce from any (spoofed) address.
                log.debug(
                        "{} from {}:{}: nonce not issued to this address; challenged again",
                        method,
                        source,
                        sourcePort);
                return new DigestDecision.Challenged(challenge(source, userAgent, true));
            }
            case REPLAY -> {
                log.warn(
                        "{} from {}:{}: replayed digest (nonce count not increasing) for user '{}'",
                        method,
                        source,
                        sourcePort,
                        printable(c.username()));
                return new DigestDecision.Challenged(challenge(source, userAgent, true));
            }
            case WRONG -> {
                log.warn(
                        "{} from {}:{} ({}): digest authentication failed for user '{}'",
                        method,
                        source,
                        sourcePort,
                        transport,
                        printable(c.username()));
                bans.recordFailure(source, "SIP digest " + method + " as '" + printable(c.username()) + "'");
                return new DigestDecision.Challenged(challenge(source, userAgent, false));
            }
            default -> {
                return new DigestDecision.Challenged(challenge(source, userAgent, false));
            }
        }
    }

    /** RFC 3261 §22.4: several credentials may be present; use the one for our realm. */
    private AuthorizationHeader credentialsForOurRealm(Request request, Mode mode) {
        return StackCredentials.forRealm(request, mode.credentialsHeader, verifier.realm());
    }

    /**
     * 401/407 with one challenge per algorithm offered to this client, in the configured order (RFC 8760 §2.4:
     * the client uses the first it supports), sharing one fresh nonce so the nonce count is tracked
     * whichever the client picks.
     */
    private AuthOutcome challenge(InboundRequest inbound, Mode mode, boolean stale) {
        Request request = inbound.request();
        return new AuthOutcome.Rejected(challengeResponse(
                request, mode, challenge(inbound.sourceAddress(), StackCredentials.userAgent(request), stale)));
    }

    private Response challengeResponse(Request request, Mode mode, DigestChallenge challenge) {
        Response response = responder.create(request, mode.challengeStatus);
        try {
            for (DigestAlgorithm alg : challenge.algorithms()) {
                WWWAuthenticateHeader h = mode == Mode.REGISTER
                        ? transports.headerFactory().createWWWAuthenticateHeader("Digest")
                        : transports.headerFactory().createProxyAuthenticateHeader("Digest");
                h.setRealm(challenge.realm());
                h.setNonce(challenge.nonce());
                h.setAlgorithm(alg.token());
                h.setQop("auth");
                if (challenge.stale()) h.setStale(true);
                response.addHeader(h);
            }
        } catch (ParseException e) {
            throw new IllegalStateException("Cannot build a digest challenge", e);
        }
        return response;
    }

    @Override
    public DigestChallenge freshChallenge(String sourceAddress, String userAgent) {
        return challenge(sourceAddress, userAgent, false);
    }

    /** A fresh nonce issued to {@code source} and the algorithms offered to this User-Agent. */
    private DigestChallenge challenge(String source, String userAgent, boolean stale) {
        return new DigestChallenge(verifier.realm(), nonces.issue(source), offer.forUserAgent(userAgent), stale);
    }

    /** User names come from the network: log only a bounded, printable form. */
    static String printable(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char ch = s.charAt(i);
            b.append(ch >= 0x21 && ch < 0x7f ? ch : '?');
        }
        return b.toString();
    }
}
