package org.tandem.pbx.registrar.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;
import org.tandem.pbx.sip.InboundRequest;

/**
 * The non-INVITE server transactions of authenticated REGISTERs over UDP (RFC 3261 §17.2.2), kept as one small map
 * entry each instead of a jain-sip server transaction: a retransmission that arrives while its REGISTER is being
 * written is discarded (state Trying), one that arrives after the answer gets that answer again (Completed), until
 * Timer J (64 × T1 = 32 s) has passed.
 *
 * <p>Why (issue 23): a completed jain-sip transaction held its request's and response's bytes, ~40 objects and a
 * timer task, ~3 KB, for its 32 s. At 4,000 REGISTERs a second those were the live heap that every young collection
 * copied: pauses of 20–66 ms, the top rate's response-time tail. An entry here is its key and a shared marker.
 *
 * <p>Matching is §17.2.3's: the branch (with the magic cookie), the top Via's sent-by and the method (REGISTER only
 * here), and also the datagram's source, so that an answer only ever goes back where its request came from. A request
 * without the cookie (RFC 2543) or over a connection (never retransmitted, §17.1.2.1) gets a server transaction of
 * the stack as before ({@link #key} is null).
 *
 * <p>Entries live in two generations, each {@link #TIMER_J} long: an entry is forgotten 32 to 64 s after it was
 * made.
 */
final class UdpRegisterTransactions {

    /** Timer J for an unreliable transport: 64 × T1 (RFC 3261 §17.2.2, Table 4). */
    static final Duration TIMER_J = Duration.ofSeconds(32);

    /** What a retransmission finds. */
    sealed interface Seen {}

    /** The REGISTER is still being handled (Trying): a retransmission is discarded. */
    record Trying() implements Seen {}

    /** Answered 200 OK: a retransmission gets the 200 listing the AOR's bindings again. */
    record Ok(String user) implements Seen {}

    /** Answered with another final response: a retransmission gets it again. */
    record Answered(Response response) implements Seen {}

    private static final Trying TRYING = new Trying();
    private static final String COOKIE = "z9hG4bK";

    private record Generations(Map<String, Seen> current, Map<String, Seen> previous, long startedAt) {}

    private final LongSupplier nanoTime;
    private final long lifetime;
    private volatile Generations generations;

    UdpRegisterTransactions() {
        this(System::nanoTime);
    }

    UdpRegisterTransactions(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lifetime = TIMER_J.toNanos();
        this.generations = new Generations(new ConcurrentHashMap<>(), Map.of(), nanoTime.getAsLong());
    }

    /**
     * The transaction key of a REGISTER over UDP with an RFC 3261 branch, or null when the stack's server transaction
     * must handle it (a connection, a branch without the magic cookie, no Via).
     */
    static String key(InboundRequest inbound) {
        if (inbound.isReliableTransport()) return null;
        if (!(inbound.request().getHeader(ViaHeader.NAME) instanceof ViaHeader via)) return null;
        String branch = via.getBranch();
        if (branch == null || !branch.startsWith(COOKIE) || branch.length() == COOKIE.length()) return null;
        return branch
                + ' '
                + via.getHost()
                + ':'
                + via.getPort()
                + ' '
                + inbound.sourceAddress()
                + ':'
                + inbound.sourcePort();
    }

    /**
     * Begins the transaction of {@code key}: null when it is new (now Trying), else what its earlier copy left.
     * Retransmissions share the REGISTER's Call-ID and so its stripe: begin and {@link #answered} of one key do not
     * race.
     */
    Seen begin(String key) {
        Generations g = current();
        Seen seen = g.current().get(key);
        if (seen == null) seen = g.previous().get(key);
        if (seen != null) return seen;
        return g.current().putIfAbsent(key, TRYING);
    }

    /**
     * The REGISTER of {@code key} was answered with {@code response}: now Completed. A 200 is kept as the AOR it
     * lists (its To: the authenticated user's own, step 4 of RFC 3261 §10.3), not as the response.
     */
    void answered(String key, Response response) {
        Seen seen = response.getStatusCode() == Response.OK
                        && response.getHeader(ToHeader.NAME) instanceof ToHeader to
                        && to.getAddress().getURI() instanceof SipURI aor
                ? new Ok(aor.getUser())
                : new Answered(response);
        current().current().put(key, seen); // looked up before the previous generation, which may hold its Trying
    }

    /** Entries in both generations (for tests and metrics). */
    int size() {
        Generations g = generations;
        return g.current().size() + g.previous().size();
    }

    private Generations current() {
        Generations g = generations;
        long now = nanoTime.getAsLong();
        if (now - g.startedAt() < lifetime) return g;
        synchronized (this) {
            g = generations;
            if (now - g.startedAt() >= lifetime) {
                // the previous generation is at least 32 s old in full: forgotten
                g = new Generations(new ConcurrentHashMap<>(), g.current(), now);
                generations = g;
            }
            return g;
        }
    }
}
