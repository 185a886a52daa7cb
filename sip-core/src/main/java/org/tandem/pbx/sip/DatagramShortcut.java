package org.tandem.pbx.sip;

import java.io.IOException;
import java.net.InetAddress;

/**
 * A datagram served before jain-sip parses it (issue 23): a feature that recognises a common, simple request in its
 * bytes answers it from them, as Kamailio does, instead of paying for the stack's full parse, its message objects and
 * their encoding. It must serve only what it can answer exactly as the stack's path would (RFC-correct, the same
 * security checks) and return false for everything else, which then goes through the stack as before.
 *
 * <p>Runs on the UDP receive thread, with the receive buffer: the bytes are only valid until it returns (copy what
 * is kept), and it must not block.
 */
@FunctionalInterface
public interface DatagramShortcut {

    /**
     * @param datagram   the receive buffer; the datagram is its first {@code length} bytes
     * @param source     where the datagram came from (RFC 3581: where an answer goes)
     * @param sender     sends from the listening socket, as the stack's own answers are sent
     * @return true when the datagram was served here (answered, or dropped on purpose); false leaves it to the stack
     */
    boolean serve(byte[] datagram, int length, InetAddress source, int sourcePort, Sender sender);

    /** Sends a datagram from the socket the request arrived on. */
    @FunctionalInterface
    interface Sender {
        void send(byte[] bytes, int length, InetAddress to, int port) throws IOException;
    }
}
