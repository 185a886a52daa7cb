package org.tandem.pbx.proxy.internal;

import static org.tandem.pbx.sip.RawRequest.Field.CALL_ID;
import static org.tandem.pbx.sip.RawRequest.Field.CONTENT_LENGTH;
import static org.tandem.pbx.sip.RawRequest.Field.CSEQ;
import static org.tandem.pbx.sip.RawRequest.Field.FROM;
import static org.tandem.pbx.sip.RawRequest.Field.MAX_FORWARDS;
import static org.tandem.pbx.sip.RawRequest.Field.TO;
import static org.tandem.pbx.sip.RawRequest.Field.USER_AGENT;
import static org.tandem.pbx.sip.RawRequest.Field.VIA;

import gov.nist.javax.sip.message.SIPResponse;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.auth.DigestChallenge;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.forwarding.BranchIds;
import org.tandem.pbx.sip.DatagramShortcut;
import org.tandem.pbx.sip.InboundFilter;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.RawRequest;
import org.tandem.pbx.sip.RawSyntax;
import org.tandem.pbx.sip.RawVia;
import org.tandem.pbx.sip.SipDispatcher;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * A call's first INVITE over UDP challenged from its datagram, and the ACK of that challenge absorbed from its
 * datagram, before the stack parses either (issue 23): the stack's path parsed both into objects, dispatched them on
 * the Call-ID's stripe, built the 407 as objects and encoded it again, two of a call's ten datagrams. The answers are
 * the stack's path's ({@code ChallengeShortcutTest} and {@code ChallengeShortcutIT} compare them):
 *
 * <ul>
 * <li>an INVITE without credentials that {@link RawInvite} reads completely gets the 407 of RFC 3261 §22.3 that
 * {@link StatefulProxy} sends such an INVITE, stateless (§8.2.7: a retransmission is challenged again), on the receive
 * thread: the nonce and algorithms from the {@link SipAuthenticator}, the same To tag, Via marking and destination.
 * Only when the proxy's path would send it: the source is admitted ({@link InboundFilter}; a banned one gets nothing),
 * no handler before the proxy could take the INVITE ({@link SipDispatcher#proxyServesNewInvite}: a trunk's, a gateway
 * contact's), the Request-URI is a local user's, the INVITE did not come from this proxy (a spiral, its loop check),
 * and its caller must authenticate (a local user's From, or {@code anonymous-inbound} off);</li>
 * <li>an ACK whose To tag is the one our responses to its INVITE carry ({@link SipResponder#localTag}) while the stack
 * keeps no server transaction for its branch is the ACK of a stateless answer of ours (§17.1.1.3: the ACK of a non-2xx
 * has its INVITE's branch): hop-by-hop, it ends here, as the stack's path ends it (nothing is routed through us). An
 * ACK a transaction waits for, or of a 2xx (another branch), goes to the stack.</li>
 * </ul>
 */
public final class ChallengeShortcut implements DatagramShortcut {

    private static final Logger log = LoggerFactory.getLogger(ChallengeShortcut.class);
    /** As the stack's path writes it (jain-sip's phrase). */
    private static final String REASON = SIPResponse.getReasonPhrase(407);

    private static final Set<RawRequest.Field> ACK_READ =
            EnumSet.of(VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTENT_LENGTH, USER_AGENT);

    private final LocalAddresses local;
    private final InboundFilter filter;
    private final SipAuthenticator authenticator;
    private final SipDispatcher dispatcher;
    private final SipTransports transports;
    private final BranchIds branches;
    private final boolean anonymousInbound;
    private final LongAdder challenged = new LongAdder();
    private final LongAdder absorbed = new LongAdder();

    public ChallengeShortcut(
            LocalAddresses local,
            InboundFilter filter,
            SipAuthenticator authenticator,
            SipDispatcher dispatcher,
            SipTransports transports,
            BranchIds branches,
            boolean anonymousInbound) {
        this.local = local;
        this.filter = filter;
        this.authenticator = authenticator;
        this.dispatcher = dispatcher;
        this.transports = transports;
        this.branches = branches;
        this.anonymousInbound = anonymousInbound;
    }

    @Override
    public boolean serve(byte[] datagram, int length, InetAddress source, int sourcePort, Sender sender) {
        if (length < 4) return false;
        return switch (datagram[0]) {
            case 'I' -> challenge(datagram, length, source, sourcePort, sender);
            case 'A' -> absorb(datagram, length, source, sourcePort);
            default -> false;
        };
    }

    private boolean challenge(byte[] datagram, int length, InetAddress source, int sourcePort, Sender sender) {
        RawInvite invite = RawInvite.read(datagram, length, source, sourcePort);
        if (invite == null) return false;
        // §16.3 step 4 / a spiral: a Via of ours means it went through us; the stack's path decides
        if (branches.isOurs(invite.via().host(), invite.via().branch())) return false;
        if (!local.isLocal(invite.requestUriHost(), invite.requestUriPort())) return false; // 403: not a local user
        if (!local.isLocalHost(invite.fromHost()) && anonymousInbound) return false; // served unauthenticated
        if (!dispatcher.proxyServesNewInvite(new NewInvite(
                invite.sourceAddress(), invite.sourcePort(), invite.requestUriUser(), invite.fromHost()))) {
            return false;
        }
        if (!filter.admit(invite.sourceAddress(), "udp")) return true; // as the dispatcher: no answer at all
        challenged.increment();
        DigestChallenge challenge = authenticator.freshChallenge(invite.sourceAddress(), invite.userAgent());
        byte[] bytes = invite.response(407, REASON, challenge.headerLines("Proxy-Authenticate"));
        try {
            sender.send(bytes, bytes.length, source, invite.responsePort());
        } catch (IOException e) {
            log.debug("407 to INVITE from {}:{} not sent: {}", invite.sourceAddress(), sourcePort, e.toString());
        }
        return true;
    }

    private boolean absorb(byte[] datagram, int length, InetAddress source, int sourcePort) {
        if (!RawRequest.startsWith(datagram, length, "ACK ") || !(source instanceof Inet4Address)) return false;
        RawRequest r = RawRequest.parse(datagram, length, ACK_READ);
        if (r == null || !r.hasEnvelope()) return false;
        RawVia via = RawVia.of(r.value(VIA));
        String to = r.value(TO);
        String callId = r.value(CALL_ID);
        if (via == null || !RawSyntax.cseq(r.value(CSEQ), "ACK")) return false;
        int toEnd = RawSyntax.nameAddr(to, false);
        if (toEnd < 0 || !SipResponder.localTag(callId, via.branch()).equals(tag(to, toEnd))) return false;
        if (transports.hasServerTransaction(via.branch())) return false; // the transaction waits for it (§17.2.1)
        // the proxy's own answer: its INVITE (§17.1.1.3: the same Request-URI) was the proxy's, not a trunk's
        String uri = r.requestUri();
        String from = r.value(FROM);
        int fromEnd = RawSyntax.nameAddr(from, false);
        if (!RawSyntax.sipUri(uri, 0, uri.length(), true) || fromEnd < 0) return false;
        if (!dispatcher.proxyServesNewInvite(new NewInvite(
                source.getHostAddress(),
                sourcePort,
                uri.substring(4, uri.indexOf('@')),
                RawSyntax.uriHost(from, from.indexOf('<') + 1, fromEnd)))) {
            return false;
        }
        absorbed.increment();
        return true;
    }

    /** The To's tag parameter, or null. */
    private static String tag(String to, int close) {
        List<String[]> params = RawSyntax.parameters(to, close + 1);
        if (params == null) return null;
        for (String[] p : params) {
            if ("tag".equalsIgnoreCase(p[0])) return p[1];
        }
        return null;
    }

    /** INVITEs challenged here rather than by the stack's path. */
    public long challenged() {
        return challenged.sum();
    }

    /** ACKs of stateless answers ended here rather than by the stack's path. */
    public long absorbed() {
        return absorbed.sum();
    }
}
