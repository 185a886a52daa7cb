package org.tandem.pbx.sip.internal;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP_NODELAY on every SIP connection (TCP and TLS, accepted or opened): a SIP message is written whole, and
 * Nagle's algorithm held back a second one written soon after the first (a 180 after the 100, the 200 after the
 * 180, a request after its predecessor's answer) until the peer acknowledged the first, which a peer with
 * delayed acknowledgements does only after ~40 ms (RFC 1122 §4.2.3.2 allows up to 500 ms). bench/tls/calls.sh
 * showed it: 36 ms median from INVITE to 200 between TLS phones, Kamailio 4 ms on the same path.
 */
final class NoDelay {

    private static final Logger log = LoggerFactory.getLogger(NoDelay.class);

    private NoDelay() {}

    static void set(SocketChannel socket) {
        if (socket == null) return;
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | UnsupportedOperationException e) {
            // a connection already closed by its peer: nothing will be written on it anyway
            log.debug("TCP_NODELAY not set on {}: {}", socket, e.getMessage());
        }
    }
}
