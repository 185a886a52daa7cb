package org.tandem.pbx.sip.internal;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * Whether a request a channel is asked to send goes to the peer of its own connection. jain-sip 1.3.0-91's NIO
 * path for requests ({@code NioTcpMessageChannel.sendTCPMessage} → {@code NIOHandler.sendBytes}) looks the
 * connection up in a table that {@code openOutgoingConnection} empties again right after filling it (its
 * {@code connected} flag is never set), so every request on a new outbound connection (a TCP/TLS trunk) opened a
 * second socket, closed the first, and lost the request on the second (the selector found no channel for it). The
 * path for responses ({@code sendMessage(byte[], boolean)}) first puts the channel's own socket in that table; our
 * channels send requests to their own peer that way too, so a connection carries both directions (RFC 3261
 * §18.1.1, and RFC 5626 §5.3: requests to a phone go on the flow it registered on).
 */
final class OwnConnection {

    private OwnConnection() {}

    static boolean carries(SocketChannel socket, InetAddress peer, int peerPort, InetAddress target, int targetPort) {
        return socket != null
                && socket.isOpen()
                && socket.isConnected()
                && peer != null
                && peer.equals(target)
                && peerPort == targetPort;
    }
}
