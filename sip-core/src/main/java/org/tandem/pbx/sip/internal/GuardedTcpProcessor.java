package org.tandem.pbx.sip.internal;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** jain-sip's NIO TCP listener (one selector thread for every connection), with {@link ConnectionLimits}. */
final class GuardedTcpProcessor extends NioTcpMessageProcessor {

    private final ConnectionLimits limits;
    private final OutboundChannels outbound;

    GuardedTcpProcessor(InetAddress address, SIPTransactionStack stack, int port, ConnectionLimits limits) {
        super(address, stack, port);
        this.limits = limits;
        this.outbound = new OutboundChannels(
                messageChannels, transport, this, (name, host, target) -> new GuardedTcpChannel(this, host, target));
    }

    /** A connection to a trunk or to an address with no connection yet: ours, not jain-sip's stock channel. */
    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return outbound.to(target);
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        return outbound.to(host, port);
    }

    /** Whether a connection with {@code address:port} is open (see {@link OutboundChannels#connected}). */
    boolean connected(String address, int port) {
        return outbound.connected(address, port);
    }

    /** Called by the selector thread for every accepted connection. */
    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel existing = nioHandler.getMessageChannel(client);
        if (existing != null) return existing;
        ConnectionSlot slot = limits.admit(client.socket().getInetAddress(), "TCP");
        GuardedTcpChannel channel = new GuardedTcpChannel(this, client, slot);
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
