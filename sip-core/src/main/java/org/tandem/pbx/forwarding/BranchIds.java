package org.tandem.pbx.forwarding;

import gov.nist.core.GenericObject;
import gov.nist.javax.sip.header.SIPHeader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.tandem.pbx.security.Digests;
import org.tandem.pbx.sip.LocalAddresses;

/**
 * Via branch values of this proxy. RFC 3261 §16.6 step 8 and RFC 5393 §4.2: the branch carries a
 * loop-detection part, a hash over the fields that identify the request as we received it, and a
 * part that makes each forwarded copy unique. §16.3 step 4: a request that comes back with one of
 * our Vias whose hash equals the hash of the request as it is now has looped (482); a different
 * hash means it was retargeted on the way (a spiral), which is fine.
 */
public final class BranchIds {

    /** RFC 3261 §8.1.1.7 magic cookie, then our mark. */
    static final String PREFIX = "z9hG4bK-tdm-";

    private final LocalAddresses local;
    private final AtomicLong counter =
            new AtomicLong(ThreadLocalRandom.current().nextLong() >>> 16);

    public BranchIds(LocalAddresses local) {
        this.local = local;
    }

    /** Where a thread writes the fields it hashes (a copy per request cost ~7 KB per proxied call, issue 23). */
    private static final ThreadLocal<HashInput> INPUT = ThreadLocal.withInitial(HashInput::new);

    /**
     * The loop-detection hash of a request as received (before any change by this proxy): MD5 over the
     * Request-URI, the From and To tags, the Call-ID, the CSeq number, and the Proxy-Require, Proxy-Authorization and
     * Route headers as they encode (each trimmed), '|' after each field and ',' after each header of a name.
     */
    public static String loopHash(Request request) {
        HashInput in = INPUT.get();
        StringBuilder sb = in.text;
        sb.setLength(0);
        URI ruri = request.getRequestURI();
        if (ruri instanceof GenericObject uri) uri.encode(sb);
        else sb.append(ruri);
        sb.append('|');
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        sb.append(from == null ? "" : from.getTag()).append('|');
        sb.append(to == null ? "" : to.getTag()).append('|');
        sb.append(callId == null ? "" : callId.getCallId()).append('|');
        sb.append(cseq == null ? "" : cseq.getSeqNumber()).append('|');
        for (String name : new String[] {"Proxy-Require", "Proxy-Authorization", "Route"}) {
            ListIterator<?> it = request.getHeaders(name);
            while (it != null && it.hasNext()) {
                appendTrimmed(sb, (Header) it.next());
                sb.append(',');
            }
            sb.append('|');
        }
        return HexFormat.of().formatHex(in.md5(), 0, 8);
    }

    /** What {@code header.toString().trim()} appends, without the String (a header encodes as "Name: value\r\n"). */
    private static void appendTrimmed(StringBuilder sb, Header header) {
        int start = sb.length();
        if (header instanceof SIPHeader sip) sip.encode(sb);
        else sb.append(header);
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) <= ' ') end--;
        sb.setLength(end);
        int lead = start;
        while (lead < end && sb.charAt(lead) <= ' ') lead++;
        if (lead > start) sb.delete(start, lead);
    }

    /** One thread's text of a hash and its UTF-8 bytes, kept between requests (let go beyond 16 K chars). */
    private static final class HashInput {
        final StringBuilder text = new StringBuilder(512);
        byte[] bytes = new byte[512];

        byte[] md5() {
            int n = text.length();
            if (bytes.length < n) bytes = new byte[Math.max(n, bytes.length * 2)];
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) return Digests.md5(text.toString().getBytes(StandardCharsets.UTF_8)); // as before
                bytes[i] = (byte) c; // US-ASCII is its own UTF-8
            }
            byte[] hash = Digests.md5(bytes, n);
            if (n > 16_384) {
                text.setLength(0);
                text.trimToSize();
                bytes = new byte[512];
            }
            return hash;
        }
    }

    /** A new branch for one forwarded copy (one client transaction). */
    public String newBranch(String loopHash) {
        return PREFIX + loopHash + "." + Long.toString(counter.incrementAndGet(), 36);
    }

    /**
     * The branch for a request forwarded statelessly (ACK for 2xx): the same every time the same
     * request arrives, so that retransmissions map to the same branch (RFC 3261 §16.11).
     */
    public static String statelessBranch(Request request) {
        ViaHeader top = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String seed = loopHash(request) + "|" + (top == null ? "" : top.getBranch());
        return PREFIX + "s" + HexFormat.of().formatHex(md5(seed), 0, 8);
    }

    /** True when {@code via} was put there by this proxy. */
    public boolean isOurs(ViaHeader via) {
        return isOurs(via.getHost(), via.getBranch());
    }

    /** True when a Via with this sent-by host and branch was put there by this proxy. */
    public boolean isOurs(String host, String branch) {
        return branch != null && branch.startsWith(PREFIX) && local.isLocalHost(host);
    }

    /**
     * RFC 3261 §16.3 step 4 for a request whose loop hash is not needed otherwise (an ACK relayed statelessly): only
     * a request that carries one of our Vias can have looped, so the hash is computed only then.
     */
    public boolean hasLooped(Request request) {
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias != null && vias.hasNext()) {
            if (isOurs((ViaHeader) vias.next())) return hasLooped(request, loopHash(request));
        }
        return false;
    }

    /** RFC 3261 §16.3 step 4: one of our Vias carries the loop hash of this very request. */
    public boolean hasLooped(Request request, String loopHash) {
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias != null && vias.hasNext()) {
            ViaHeader via = (ViaHeader) vias.next();
            if (isOurs(via) && via.getBranch().startsWith(PREFIX + loopHash + ".")) return true;
        }
        return false;
    }

    private static byte[] md5(String s) {
        return Digests.md5(s.getBytes(StandardCharsets.UTF_8)); // a thread's digest: no provider look-up (issue 23)
    }
}
