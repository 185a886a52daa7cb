package org.tandem.pbx.anchor;

import org.tandem.media.relay.Side;

/**
 * A relayed party sent no RTP for {@code tandem.media.dead-stream-timeout} while it should have (not on hold): the
 * phone lost power or network, or its NAT mapping died. The proxy hangs the call up on both sides. Raised on the
 * call's Call-ID stripe, once per call.
 */
public record StreamDead(String callId, Side silent) {}
