package org.tandem.pbx.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * RFC 3261 §16.3 request validation, steps 1, 2, 3 and 6 (step 4, loop detection, needs our Via
 * branches: {@link BranchIds}; step 5, Proxy-Require, is here).
 */
public final class RequestValidation {

    /** Option tags this proxy itself supports in Proxy-Require (none: we are a plain §16 proxy). */
    static final Set<String> SUPPORTED_PROXY_OPTIONS = Set.of();

    /** Why a request is refused: status, reason phrase, and for 420 the unsupported option tags. */
    public record Rejection(int status, String reason, List<String> unsupported) {
        static Rejection of(int status, String reason) {
            return new Rejection(status, reason, List.of());
        }
    }

    private RequestValidation() {
    }

    /** @return the rejection, or null when the request may be proxied */
    public static Rejection check(Request request) {
        // §16.3 step 1: reasonable syntax — the headers a proxy needs must be there and agree
        if (request.getHeader(ToHeader.NAME) == null || request.getHeader(FromHeader.NAME) == null
                || request.getHeader(CallIdHeader.NAME) == null || request.getHeader(ViaHeader.NAME) == null) {
            return Rejection.of(Response.BAD_REQUEST, "Missing To, From, Call-ID or Via");
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (cseq == null || !request.getMethod().equals(cseq.getMethod())) {
            return Rejection.of(Response.BAD_REQUEST, "CSeq missing or its method differs from the request's");
        }
        // §16.3 step 2: URI scheme
        String scheme = request.getRequestURI().getScheme().toLowerCase(Locale.ROOT);
        if (!"sip".equals(scheme) && !"sips".equals(scheme)) {
            return Rejection.of(Response.UNSUPPORTED_URI_SCHEME, "Unsupported URI Scheme");
        }
        // §16.3 step 3: Max-Forwards
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) {
            return Rejection.of(Response.TOO_MANY_HOPS, "Too Many Hops");
        }
        // §16.3 step 5: Proxy-Require
        List<String> unsupported = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ProxyRequireHeader.NAME);
        while (it != null && it.hasNext()) {
            String tag = ((ProxyRequireHeader) it.next()).getOptionTag();
            if (tag != null && !SUPPORTED_PROXY_OPTIONS.contains(tag.toLowerCase(Locale.ROOT))) unsupported.add(tag);
        }
        if (!unsupported.isEmpty()) {
            return new Rejection(Response.BAD_EXTENSION, "Bad Extension", List.copyOf(unsupported));
        }
        return null;
    }
}
