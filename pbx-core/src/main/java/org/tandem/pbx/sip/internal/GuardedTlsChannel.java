package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * An inbound SIP TLS connection: jain-sip decrypts, and the plaintext goes through {@link FramedDelivery}
 * instead of jain-sip's NIO framing. A connection that never completes its handshake never sends a message,
 * so the first-message deadline closes it too.
 */
final class GuardedTlsChannel extends NioTlsMessageChannel {

    private final FramedDelivery delivery;

    GuardedTlsChannel(NioTcpMessageProcessor processor, SocketChannel socket, ConnectionSlot slot) throws IOException {
        super(processor, socket);
        this.delivery = new FramedDelivery(this, slot, slot == null);
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
