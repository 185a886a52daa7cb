package org.tandem.pbx.anchor;

import org.tandem.media.relay.Side;

/**
 * The DTLS-SRTP handshake with a WebRTC party failed (issue 16: a certificate that is not its SDP's fingerprint, no
 * common SRTP profile, or no handshake at all in time): no media can flow, so the proxy hangs the call up on both
 * sides, the call record saying why. Raised on the call's Call-ID stripe.
 */
public record DtlsFailed(String callId, Side side, String reason) {}
