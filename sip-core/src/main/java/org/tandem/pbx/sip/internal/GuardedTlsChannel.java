package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP TLS connection, accepted or opened by us: jain-sip decrypts, and the plaintext goes through {@link FramedDelivery}
 * instead of jain-sip's NIO framing. A connection that never completes its handshake never sends a message,
 * so the first-message deadline closes it too.
 */
final class GuardedTlsChannel extends NioTlsMessageChannel {

    private static final Logger log = LoggerFactory.getLogger(GuardedTlsChannel.class);

    private final FramedDelivery delivery;
    /** the host an outbound connection is for (RFC 5922 §7.2); null for an accepted one */
    private final String serverIdentity;

    GuardedTlsChannel(NioTcpMessageProcessor processor, SocketChannel socket, ConnectionSlot slot) throws IOException {
        super(processor, socket);
        NoDelay.set(socketChannel);
        this.delivery = new FramedDelivery(this, slot, slot == null);
        this.serverIdentity = null;
    }

    /** A connection we open to {@code host:port} (TLS client mode); the processor caches it by that key. */
    GuardedTlsChannel(NioTcpMessageProcessor processor, String name, InetAddress host, int port) throws IOException {
        super(host, port, processor.getSIPStack(), processor);
        NoDelay.set(socketChannel);
        this.delivery = new FramedDelivery(this, null, false);
        this.serverIdentity = name;
        this.isCached = true;
    }

    /** Called by jain-sip's TLS state machine when a handshake finishes, before it writes what waited for it. */
    @Override
    public void setHandshakeCompleted(boolean completed) {
        super.setHandshakeCompleted(completed);
        if (!completed || serverIdentity == null) return;
        String refusal = ServerIdentityCheck.refusal(this, serverIdentity);
        if (refusal == null) return;
        log.warn(
                "TLS connection to {} closed: {} (RFC 5922 §7.2). Check the trunk's host name: it must be a name in "
                        + "the provider's certificate",
                serverIdentity,
                refusal);
        close();
    }

    @Override
    public void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry)
            throws IOException {
        if (OwnConnection.carries(socketChannel, peerAddress, peerPort, receiverAddress, receiverPort)) {
            sendMessage(message, retry); // encrypted, on this connection (see OwnConnection)
        } else {
            super.sendMessage(message, receiverAddress, receiverPort, retry);
        }
    }

    @Override
    public void addPlaintextBytes(byte[] bytes) {
        delivery.bytes(bytes);
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        try {
            super.close(removeSocket, stopKeepAliveTask);
        } finally {
            delivery.closed();
        }
    }
}
