package org.tandem.pbx.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyRequireHeader;
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

    private RequestValidation() {}

    /** @return the rejection, or null when the request may be proxied */
    public static Rejection check(Request request) {
        // §16.3 step 1 (reasonable syntax: the mandatory headers present and agreeing) is done for every
        // request by the dispatcher's RequestSanity before any feature sees it.
        // §16.3 step 2: URI scheme
        String scheme = request.getRequestURI().getScheme().toLowerCase(Locale.ROOT);
        if (!"sip".equals(scheme) && !"sips".equals(scheme)) {
            return Rejection.of(Response.UNSUPPORTED_URI_SCHEME, "Unsupported URI Scheme");
        }
        // §19.1.1 (Table 1): a Request-URI carries no escaped headers ("?Route=...")
        if (request.getRequestURI() instanceof SipURI sip
                && sip.getHeaderNames() != null
                && sip.getHeaderNames().hasNext()) {
            return Rejection.of(Response.BAD_REQUEST, "Headers are not allowed in a Request-URI");
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
