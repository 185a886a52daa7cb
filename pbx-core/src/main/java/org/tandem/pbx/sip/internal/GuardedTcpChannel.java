package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** An inbound SIP TCP connection, read through {@link FramedDelivery} instead of jain-sip's NIO framing. */
final class GuardedTcpChannel extends NioTcpMessageChannel {

    private final FramedDelivery delivery;

    GuardedTcpChannel(NioTcpMessageProcessor processor, SocketChannel socket, ConnectionSlot slot) throws IOException {
        super(processor, socket);
        this.messageProcessor = processor;
        this.delivery = new FramedDelivery(this, slot, slot == null);
    }

    @Override
    protected void addBytes(byte[] bytes) {
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
