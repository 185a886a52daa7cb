package org.tandem.pbx.routing;

import java.util.List;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.Header;

/** The answer of {@link ExternalCalls}: where the proxy sends the INVITE, or why it may not. */
public sealed interface ExternalRoute {

    /**
     * Send a copy of the INVITE with this Request-URI and these extra headers to {@code hop} (the
     * trunk gateway, which picks the trunk, fails over and answers the provider's challenges).
     *
     * @param label        what call records show as the target (e.g. the number as dialled)
     * @param providerHost where the call leaves the appliance (the first trunk's host), or null: media is anchored
     *                     when it is outside the local networks (tandem.media.relay=auto)
     * @param trunk        the name of the trunk the call is placed on first (its recording rule applies), or null
     */
    record Through(SipURI requestUri, Hop hop, List<Header> headers, String label, String providerHost, String trunk)
            implements ExternalRoute {
        public Through {
            headers = List.copyOf(headers);
        }

        /** A route not through a trunk of this appliance (no trunk's recording rule applies). */
        public Through(SipURI requestUri, Hop hop, List<Header> headers, String label, String providerHost) {
            this(requestUri, hop, headers, label, providerHost, null);
        }
    }

    /**
     * The call may not go out: e.g. 403 (permission class), 404 (no outbound route matches),
     * 503 (no trunk usable). {@code reason} becomes the reason phrase, so it must say why.
     */
    record Refused(int status, String reason) implements ExternalRoute {}
}
