package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * A SIP TCP connection, read through {@link FramedDelivery} instead of jain-sip's NIO framing: accepted from a
 * phone (counted in a {@link ConnectionSlot}) or opened by us toward a trunk or a phone's address (not counted).
 */
final class GuardedTcpChannel extends NioTcpMessageChannel {

    private final FramedDelivery delivery;

    /** An accepted connection; {@code slot} null when the limits refused it (it is being closed). */
    GuardedTcpChannel(NioTcpMessageProcessor processor, SocketChannel socket, ConnectionSlot slot) throws IOException {
        super(processor, socket);
        NoDelay.set(socketChannel);
        this.messageProcessor = processor;
        this.delivery = new FramedDelivery(this, slot, slot == null);
    }

    /** A connection we open to {@code host:port}; the processor caches it by that key. */
    GuardedTcpChannel(NioTcpMessageProcessor processor, InetAddress host, int port) throws IOException {
        super(host, port, processor.getSIPStack(), processor);
        NoDelay.set(socketChannel);
        this.delivery = new FramedDelivery(this, null, false);
        this.isCached = true;
    }

    @Override
    protected void addBytes(byte[] bytes) {
        delivery.bytes(bytes);
    }

    @Override
    public void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry)
            throws IOException {
        if (OwnConnection.carries(socketChannel, peerAddress, peerPort, receiverAddress, receiverPort)) {
            sendMessage(message, retry);
        } else {
            super.sendMessage(message, receiverAddress, receiverPort, retry);
        }
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
