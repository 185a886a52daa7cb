package org.tandem.pbx.registrar.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;
import org.tandem.pbx.concurrent.FlatTable;
import org.tandem.pbx.sip.InboundRequest;

/**
 * The non-INVITE server transactions of authenticated REGISTERs over UDP (RFC 3261 §17.2.2), kept as one small table
 * entry each instead of a jain-sip server transaction: a retransmission that arrives while its REGISTER is being
 * written is discarded (state Trying), one that arrives after the answer gets that answer again (Completed), until
 * Timer J (64 × T1 = 32 s) has passed.
 *
 * <p>Why (issue 23): a completed jain-sip transaction held its request's and response's bytes, ~40 objects and a
 * timer task, ~3 KB, for its 32 s. At 4,000 REGISTERs a second those were the live heap that every young collection
 * copied: pauses of 20–66 ms, the top rate's response-time tail. A map entry with the key as a {@code String} was
 * still ~200 bytes in four objects per REGISTER, copied by every collection of those 32 s; so an entry is now three
 * slots of a {@link FlatTable} (the key's 128 bits and what was answered: the AOR's user name for a 200, which the
 * request already held, or another response).
 *
 * <p>Matching is §17.2.3's: the branch (with the magic cookie), the top Via's sent-by and the method (REGISTER only
 * here), and also the datagram's source, so that an answer only ever goes back where its request came from. A request
 * without the cookie (RFC 2543) or over a connection (never retransmitted, §17.1.2.1) gets a server transaction of
 * the stack as before ({@link #key} is null). The table keeps a keyed hash of those fields (HMAC-SHA256 under a key
 * made at start, 128 bits of it), not the fields: nobody who does not know the key can make two requests share an
 * entry, and by chance two of the entries ever kept would share one with a probability of about 2<sup>−128</sup>
 * times the square of their number.
 *
 * <p>Entries live in two generations, each {@link #TIMER_J} long: an entry is forgotten 32 to 64 s after it was
 * made.
 */
final class UdpRegisterTransactions {

    /** Timer J for an unreliable transport: 64 × T1 (RFC 3261 §17.2.2, Table 4). */
    static final Duration TIMER_J = Duration.ofSeconds(32);

    /** Entries a generation keeps before it forgets them all (a flood of distinct REGISTERs: ~15,000 a second). */
    static final int MAX_PER_GENERATION = 500_000;

    /** A transaction's key: 128 bits of the keyed hash of its matching fields. */
    record Key(long hi, long lo) {}

    /** What a retransmission finds. */
    sealed interface Seen {}

    /** The REGISTER is still being handled (Trying): a retransmission is discarded. */
    record Trying() implements Seen {}

    /** Answered 200 OK: a retransmission gets the 200 listing the AOR's bindings again. */
    record Ok(String user) implements Seen {}

    /** Answered with another final response: a retransmission gets it again. */
    record Answered(Response response) implements Seen {}

    /** Answered from its datagram with another final response, these bytes: a retransmission gets them again. */
    record AnsweredBytes(byte[] response) implements Seen {}

    private static final Trying TRYING = new Trying();
    private static final String COOKIE = "z9hG4bK";

    private record Generations(FlatTable current, FlatTable previous, long startedAt) {}

    private final LongSupplier nanoTime;
    private final long lifetime;
    private final SecretKeySpec hashKey;
    /** One keyed HMAC per thread ({@code doFinal} resets it), as {@code auth.Nonces}. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private final ThreadLocal<byte[]> macOut = ThreadLocal.withInitial(() -> new byte[32]);
    private volatile Generations generations;

    UdpRegisterTransactions() {
        this(System::nanoTime);
    }

    UdpRegisterTransactions(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lifetime = TIMER_J.toNanos();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.hashKey = new SecretKeySpec(key, "HmacSHA256");
        this.generations = new Generations(new FlatTable(MAX_PER_GENERATION), new FlatTable(1), nanoTime.getAsLong());
    }

    /**
     * The transaction key of a REGISTER over UDP with an RFC 3261 branch, or null when the stack's server transaction
     * must handle it (a connection, a branch without the magic cookie, no Via).
     */
    Key key(InboundRequest inbound) {
        if (inbound.isReliableTransport()) return null;
        if (!(inbound.request().getHeader(ViaHeader.NAME) instanceof ViaHeader via)) return null;
        return key(via.getBranch(), via.getHost(), via.getPort(), inbound.sourceAddress(), inbound.sourcePort());
    }

    /**
     * The key of a REGISTER over UDP read from its datagram, the same as {@link #key(InboundRequest)} gives it.
     *
     * @param viaPort the sent-by port, -1 when the Via has none (as the stack reads it)
     */
    Key key(String branch, String viaHost, int viaPort, String source, int sourcePort) {
        if (!rfc3261Branch(branch)) return null;
        String fields = branch + ' ' + viaHost + ':' + viaPort + ' ' + source + ':' + sourcePort;
        Mac mac = macs.get();
        mac.update(fields.getBytes(StandardCharsets.UTF_8));
        byte[] out = macOut.get();
        try {
            mac.doFinal(out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer hash = ByteBuffer.wrap(out);
        long hi = hash.getLong();
        long lo = hash.getLong() | 1; // never (0, 0), FlatTable's free slot: one bit of the 128 given up
        return new Key(hi, lo);
    }

    /** Whether {@code branch} is an RFC 3261 one (§8.1.1.7: the magic cookie and more), which a key needs. */
    static boolean rfc3261Branch(String branch) {
        return branch != null && branch.startsWith(COOKIE) && branch.length() > COOKIE.length();
    }

    /**
     * Begins the transaction of {@code key}: null when it is new (now Trying), else what its earlier copy left.
     * Retransmissions share the REGISTER's Call-ID and so its stripe: begin and {@link #answered} of one key do not
     * race.
     */
    Seen begin(Key key) {
        Generations g = current();
        Object seen = g.current().get(key.hi(), key.lo());
        if (seen == null) seen = g.previous().get(key.hi(), key.lo());
        if (seen == null) seen = g.current().putIfAbsent(key.hi(), key.lo(), TRYING);
        return seen == null ? null : seen(seen);
    }

    /**
     * The REGISTER of {@code key} was answered with {@code response}: now Completed. A 200 is kept as the AOR's user it
     * lists (its To: the authenticated user's own, step 4 of RFC 3261 §10.3), not as the response.
     */
    void answered(Key key, Response response) {
        Object answer = response.getStatusCode() == Response.OK
                        && response.getHeader(ToHeader.NAME) instanceof ToHeader to
                        && to.getAddress().getURI() instanceof SipURI aor
                        && aor.getUser() != null
                ? aor.getUser()
                : response;
        // looked up before the previous generation, which may hold its Trying
        current().current().put(key.hi(), key.lo(), answer);
    }

    /** The REGISTER of {@code key}, read from its datagram, was answered 200 listing the bindings of {@code user}. */
    void answeredOk(Key key, String user) {
        current().current().put(key.hi(), key.lo(), user);
    }

    /** The REGISTER of {@code key}, read from its datagram, was answered with another final response, these bytes. */
    void answeredWith(Key key, byte[] response) {
        current().current().put(key.hi(), key.lo(), response);
    }

    private static Seen seen(Object kept) {
        if (kept instanceof String user) return new Ok(user);
        if (kept instanceof byte[] bytes) return new AnsweredBytes(bytes);
        if (kept instanceof Response response) return new Answered(response);
        return TRYING;
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
                g = new Generations(new FlatTable(MAX_PER_GENERATION), g.current(), now);
                generations = g;
            }
            return g;
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
