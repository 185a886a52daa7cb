package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import java.util.List;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.forwarding.BestResponse;
import org.tandem.pbx.forwarding.Forwarder;

/** The final response a response context sends upstream when no branch answered 2xx (RFC 3261 §16.7 steps 6 and 7). */
final class UpstreamFinal {

    private UpstreamFinal() {}

    /**
     * The best of the branches' final responses as it goes upstream: 503 turned into 500 (§16.7 step 6), the
     * challenges of every 401/407 gathered into it (§16.7 step 7), a To tag of ours when we synthesised it for a
     * branch (timeout, send failure: §8.2.6.2); 408 when there is none.
     */
    static Response best(Forwarder forwarder, Request request, List<Response> finals) {
        Response best = BestResponse.choose(finals);
        Response up = best == null ? null : forwarder.upstreamCopy(best);
        if (up == null) return forwarder.responder().create(request, Response.REQUEST_TIMEOUT);
        try {
            if (up.getStatusCode() == Response.SERVICE_UNAVAILABLE) {
                up.setStatusCode(Response.SERVER_INTERNAL_ERROR);
                up.setReasonPhrase("Next hop unavailable");
            }
            BestResponse.aggregateChallenges(up, finals);
            ToHeader to = (ToHeader) up.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                Response own = forwarder.responder().create(request, up.getStatusCode());
                to.setTag(((ToHeader) own.getHeader(ToHeader.NAME)).getTag());
            }
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return up;
    }
}
