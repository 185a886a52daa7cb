package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.forwarding.Forwarder;

/** The proxy's own answers to a request it does not forward (RFC 3261 §16.3, §16.4), with an optional reason. */
final class ProxyReplies {

    private ProxyReplies() {}

    /** Answers {@code request} with {@code status}, through {@code server} when there is one, else statelessly. */
    static void reply(Forwarder forwarder, ServerTransaction server, Request request, int status, String reason) {
        Response response = forwarder.responder().create(request, status);
        if (reason != null) {
            try {
                response.setReasonPhrase(reason);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        forwarder.responder().send(server, request, response);
    }
}
