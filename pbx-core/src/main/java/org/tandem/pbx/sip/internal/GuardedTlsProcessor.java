package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** jain-sip's NIO TLS listener (one selector thread for every connection), with {@link ConnectionLimits}. */
final class GuardedTlsProcessor extends NioTlsMessageProcessor {

    private final ConnectionLimits limits;

    GuardedTlsProcessor(InetAddress address, SIPTransactionStack stack, int port, ConnectionLimits limits) {
        super(address, stack, port);
        this.limits = limits;
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel existing = nioHandler.getMessageChannel(client);
        if (existing != null) return existing;
        ConnectionSlot slot = limits.admit(client.socket().getInetAddress(), "TLS");
        GuardedTlsChannel channel = new GuardedTlsChannel(this, client, slot);
        nioHandler.putMessageChannel(client, channel);
        if (slot == null) Refusal.close(client);
        return channel;
    }

    @Override
    public void start() throws IOException {
        super.start();
        limits.startAudit(sipStack);
    }
}
