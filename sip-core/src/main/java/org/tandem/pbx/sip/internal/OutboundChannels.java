package org.tandem.pbx.sip.internal;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The connections a guarded NIO processor opens itself (to a trunk, or to a phone whose connection is gone), kept in
 * jain-sip's own channel cache under jain-sip's key ({@code transport:address:port}), so that later requests and
 * responses to that address reuse them. They are our channels ({@link GuardedTcpChannel}, {@link GuardedTlsChannel}):
 * read through our framing, and sending requests on their own connection (see {@link OwnConnection}).
 */
final class OutboundChannels {

    interface Opener {
        /** @param name the host as the sender named it (a trunk's host name), else the address */
        ConnectionOrientedMessageChannel open(String name, InetAddress host, int port) throws IOException;
    }

    private final Map<String, ConnectionOrientedMessageChannel> cache;
    private final String transport;
    private final Object lock;
    private final Opener opener;

    /** @param lock the processor itself: jain-sip removes closed channels from the cache under its monitor */
    OutboundChannels(
            Map<String, ConnectionOrientedMessageChannel> cache, String transport, Object lock, Opener opener) {
        this.cache = cache;
        this.transport = transport;
        this.lock = lock;
        this.opener = opener;
    }

    MessageChannel to(HostPort target) throws IOException {
        return to(
                MessageChannel.getKey(target, transport),
                target.getHost().getHostname(),
                target.getInetAddress(),
                target.getPort());
    }

    MessageChannel to(InetAddress host, int port) throws IOException {
        return to(MessageChannel.getKey(host, port, transport), host.getHostAddress(), host, port);
    }

    /**
     * Whether a connection with {@code address:port} (an IP literal: a phone's source) is open, accepted or ours.
     * Accepted connections enter the cache with their first request (jain-sip's {@code cacheMessageChannel}) and
     * leave it when they close.
     */
    boolean connected(String address, int port) {
        ConnectionOrientedMessageChannel channel;
        try {
            channel = cache.get(MessageChannel.getKey(InetAddress.getByName(address), port, transport));
        } catch (UnknownHostException e) {
            return false;
        }
        return channel instanceof NioTcpMessageChannel c
                && c.getSocketChannel() != null
                && c.getSocketChannel().isOpen();
    }

    private MessageChannel to(String key, String name, InetAddress host, int port) throws IOException {
        ConnectionOrientedMessageChannel channel = cache.get(key);
        if (channel != null) return channel;
        synchronized (lock) {
            channel = cache.get(key);
            if (channel == null) {
                // the connect blocks this thread up to the stack's connect timeout (NIO_BLOCKING_MODE=BLOCKING)
                channel = opener.open(name, host, port);
                cache.put(key, channel);
            }
            return channel;
        }
    }
}
