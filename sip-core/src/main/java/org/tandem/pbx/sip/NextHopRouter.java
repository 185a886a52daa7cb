package org.tandem.pbx.sip;

import gov.nist.javax.sip.stack.DefaultRouter;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.message.Request;

/**
 * jain-sip computes the destination of every request it sends through the stack-wide Router. Normally
 * that follows the Route header or the Request-URI (RFC 3261 §8.1.2 / §16.6 step 7), but a UA behind
 * NAT must be reached at the address and transport its REGISTER came from (RFC 3581, RFC 5626 §5.3),
 * and a TCP/TLS connection it opened must be reused. The sender states that hop with {@link #sendVia},
 * which applies to the calling thread only (sends happen on the Call-ID stripe that decided the hop).
 */
public class NextHopRouter extends DefaultRouter {

    private static final ThreadLocal<Hop> FORCED = new ThreadLocal<>();

    public NextHopRouter(SipStack sipStack, String defaultRoute) {
        super(sipStack, defaultRoute);
    }

    /** Runs {@code send} with every request it sends going to {@code hop} (null = normal routing). */
    public static <T> T sendVia(Hop hop, SipAction<T> send) throws SipException {
        if (hop == null) return send.run();
        Hop previous = FORCED.get();
        FORCED.set(hop);
        try {
            return send.run();
        } finally {
            FORCED.set(previous); // null too: remove() would drop the thread's entry, made again by the next send
        }
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        Hop forced = FORCED.get();
        return forced != null ? forced : super.getNextHop(request);
    }

    @FunctionalInterface
    public interface SipAction<T> {
        T run() throws SipException;
    }
}
