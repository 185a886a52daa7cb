package org.tandem.pbx.trunk;

import java.util.Locale;

/**
 * How key presses travel to and from a trunk's provider. Only RFC 4733 for now: the {@code telephone-event} payload
 * the provider's SDP names is kept in every offer and answer between phone and provider, and the events pass the
 * relay unchanged. SIP INFO ({@code application/dtmf-relay}) is not supported: a trunk asking for it is refused.
 */
public enum DtmfMode {
    /** RFC 4733 named telephone events in the RTP stream (formerly RFC 2833). */
    RFC4733;

    /** The name in the API and the template file. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
