package org.tandem.pbx.forwarding;

import java.util.List;
import java.util.ListIterator;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/** RFC 3261 §16.7 step 6: choosing the best final response of a response context. */
public final class BestResponse {

    private BestResponse() {}

    /**
     * The best of {@code finals} (all 3xx–6xx): any 6xx; otherwise the lowest class; within a class
     * the responses a UA can act on first (401, 407, 415, 420, 484), then the lowest code.
     *
     * @return null when {@code finals} is empty
     */
    public static Response choose(List<Response> finals) {
        Response best = null;
        for (Response r : finals) {
            if (best == null || better(r, best)) best = r;
        }
        return best;
    }

    private static boolean better(Response a, Response b) {
        int ca = a.getStatusCode() / 100;
        int cb = b.getStatusCode() / 100;
        if (ca == 6 || cb == 6) return ca == 6 && cb != 6;
        if (ca != cb) return ca < cb;
        int ra = rank(a.getStatusCode());
        int rb = rank(b.getStatusCode());
        if (ra != rb) return ra < rb;
        return a.getStatusCode() < b.getStatusCode();
    }

    /** Responses the caller can fix by retrying rank first (§16.7 step 6). */
    private static int rank(int status) {
        return switch (status) {
            case 401, 407 -> 0;
            case 415, 420, 484 -> 1;
            case 408, 503 -> 3; // ours or transport failures: anything a UA said is better
            default -> 2;
        };
    }

    /**
     * §16.7 step 7: a 401/407 chosen as best carries the challenges of every 401/407 received, so the
     * caller can answer all of them in one retry.
     */
    public static void aggregateChallenges(Response best, List<Response> finals) {
        int status = best.getStatusCode();
        if (status != Response.UNAUTHORIZED && status != Response.PROXY_AUTHENTICATION_REQUIRED) return;
        for (Response r : finals) {
            if (r == best) continue;
            copyAll(r, best, WWWAuthenticateHeader.NAME);
            copyAll(r, best, ProxyAuthenticateHeader.NAME);
        }
    }

    private static void copyAll(Response from, Response to, String name) {
        ListIterator<?> it = from.getHeaders(name);
        while (it != null && it.hasNext()) to.addHeader((Header) ((Header) it.next()).clone());
    }
}
