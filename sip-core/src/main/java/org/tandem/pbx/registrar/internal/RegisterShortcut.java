package org.tandem.pbx.registrar.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.auth.DigestChallenge;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.sip.DatagramShortcut;
import org.tandem.pbx.sip.InboundFilter;
import org.tandem.pbx.sip.LocalAddresses;

/**
 * REGISTERs over UDP answered from their datagrams, before the stack parses them (issue 23): the stack's path parsed
 * every REGISTER into objects, built its answer as objects and encoded it again, most of the receive thread's time
 * per REGISTER. What {@link RawRegister} reads is served here, the rest by the stack as before; the answers are the
 * stack's path's (RegisterShortcutTest and RegisterShortcutIT compare them):
 *
 * <ul>
 * <li>without credentials (every phone's first REGISTER): the 401 of RFC 3261 §10.3 step 3, §22.2, stateless as the
 * stack's path sends it (§8.2.7), here on the receive thread: the nonce and algorithms from the
 * {@link SipAuthenticator}, the same To tag, the top Via marked as jain-sip's UDP channel marks it (RFC 3581) and the
 * same destination;</li>
 * <li>with credentials for our realm: {@link Registrar#handle(RawRegister, DatagramShortcut.Sender)} on the Call-ID's
 * stripe, as the dispatcher runs the stack's path (in place when the stripe is idle), with its transaction entry,
 * the same digest decision, binding change and durable write before the 200.</li>
 * </ul>
 *
 * <p>The {@link InboundFilter} comes first, as in the dispatcher: a banned or rate-limited source gets no answer.
 * RFC 3261 §10.3 authenticates (step 3) before it reads the contacts (step 6), so a REGISTER without credentials is
 * challenged whatever its contacts say, as by the stack's path.
 */
final class RegisterShortcut implements DatagramShortcut {

    private static final Logger log = LoggerFactory.getLogger(RegisterShortcut.class);

    private final LocalAddresses local;
    private final InboundFilter filter;
    private final SipAuthenticator authenticator;
    private final Supplier<String> realm;
    private final Registrar registrar;
    private final SerialExecutors stripes;
    private final LongAdder challenged = new LongAdder();
    private final LongAdder registered = new LongAdder();

    RegisterShortcut(
            LocalAddresses local,
            InboundFilter filter,
            SipAuthenticator authenticator,
            Supplier<String> realm,
            Registrar registrar,
            SerialExecutors stripes) {
        this.local = local;
        this.filter = filter;
        this.authenticator = authenticator;
        this.realm = realm;
        this.registrar = registrar;
        this.stripes = stripes;
    }

    @Override
    public boolean serve(byte[] datagram, int length, InetAddress source, int sourcePort, Sender sender) {
        RawRegister register = RawRegister.read(datagram, length, source, sourcePort, local, realm);
        if (register == null) return false;
        if (!filter.admit(register.sourceAddress(), "udp")) return true; // as the dispatcher: no answer at all
        if (register.credentials() == null) {
            challenged.increment();
            DigestChallenge challenge = authenticator.freshChallenge(register.sourceAddress(), register.userAgent());
            RegisterReply.Raw.send(
                    register,
                    sender,
                    register.response(401, "Unauthorized", challenge.headerLines("WWW-Authenticate")));
            return true;
        }
        registered.increment();
        if (!stripes.executeHereIfIdle(register.callId(), () -> handle(register, sender))) {
            // RFC 3261 §21.5.4, as the dispatcher sheds a request whose stripe is full
            log.warn("Overloaded: shedding REGISTER from {} with 503", register.sourceAddress());
            RegisterReply.Raw.send(register, sender, register.response(503, "Service Unavailable", List.of()));
        }
        return true;
    }

    /**
     * The registrar's steps on the stripe. A failure is answered 500 here, as the dispatcher answers a handler's (the
     * datagram must not go to the stack as well: its transaction is begun).
     */
    private void handle(RawRegister register, Sender sender) {
        try {
            registrar.handle(register, sender);
        } catch (RuntimeException e) {
            log.error(
                    "REGISTER from {}:{} failed in the registrar", register.sourceAddress(), register.sourcePort(), e);
            RegisterReply.Raw.send(register, sender, register.response(500, "Server Internal Error", List.of()));
        }
    }

    /** REGISTERs without credentials challenged here rather than by the stack's path. */
    long challenged() {
        return challenged.sum();
    }

    /** REGISTERs with credentials served from their datagrams rather than by the stack's path. */
    long registered() {
        return registered.sum();
    }
}
