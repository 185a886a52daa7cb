package org.tandem.pbx.sip.internal;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.pbx.sip.SipWebSocketPorts;
import org.tandem.pbx.sip.WebSocketConnection;

/**
 * The SIP stack's WS or WSS transport (RFC 7118) without a socket of its own: the appliance's web server accepts the
 * WebSocket connections on its HTTP(S) port at {@code /ws} and hands each to {@link #open}. jain-sip's own
 * {@code NioWebSocketMessageProcessor} was not used: it listens on a port of its own (the issue asks for the HTTPS
 * port), its handshake never answers {@code Sec-WebSocket-Protocol: sip} (browsers then fail the handshake), it
 * rewrites the Contact and Via of every message it receives (a proxy must forward them as they are), and its
 * channels are NIO TCP channels with the request path {@link OwnConnection} describes.
 *
 * <p>A WebSocket client can only be reached on the connection it opened (RFC 7118 §5.2, as an RFC 5626 flow):
 * {@link #createMessageChannel} finds it by the client's address and port and never connects out.
 */
final class WebSocketProcessor extends MessageProcessor {

    private final ConnectionLimits limits;
    private final Map<String, WebSocketChannel> channels = new ConcurrentHashMap<>();

    WebSocketProcessor(
            InetAddress address, SIPTransactionStack stack, int port, String transport, ConnectionLimits limits) {
        super(address, port, transport.toUpperCase(Locale.ROOT), stack);
        this.limits = limits;
    }

    /** A connection the web server accepted; null when the connection limits refuse it (the caller closes it). */
    WebSocketChannel open(WebSocketConnection connection) {
        InetAddress source = connection.remote().getAddress();
        ConnectionSlot slot = limits.admit(source, transport);
        if (slot == null) return null;
        WebSocketChannel channel = new WebSocketChannel(this, connection, slot);
        WebSocketChannel previous = channels.put(key(source, connection.remote().getPort()), channel);
        if (previous != null) previous.close();
        return channel;
    }

    void closed(WebSocketChannel channel) {
        channels.remove(key(channel.getPeerInetAddressOf(), channel.getPeerPort()), channel);
    }

    /** Whether the client at {@code address:port} still holds its WebSocket connection. */
    boolean connected(String address, int port) {
        try {
            return channels.containsKey(key(InetAddress.getByName(address), port));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return createMessageChannel(target.getInetAddress(), target.getPort());
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        WebSocketChannel channel = channels.get(key(host, port));
        if (channel == null) {
            // RFC 7118 §5.2: the client cannot be connected to; its flow is gone (RFC 5626 §5.3: 430 upstream)
            throw new IOException("no " + transport + " connection from " + host.getHostAddress() + ":" + port
                    + " (a WebSocket client is reached only on the connection it opened)");
        }
        return channel;
    }

    @Override
    public SIPTransactionStack getSIPStack() {
        return sipStack;
    }

    @Override
    public void start() {
        limits.startAudit(sipStack);
    }

    @Override
    public void stop() {
        for (WebSocketChannel channel : List.copyOf(channels.values())) channel.close();
    }

    @Override
    public int getDefaultTargetPort() {
        return getPort();
    }

    @Override
    public boolean isSecure() {
        return SipWebSocketPorts.WSS.equalsIgnoreCase(transport);
    }

    @Override
    public int getMaximumMessageSize() {
        return sipStack.getMaxMessageSize() > 0 ? sipStack.getMaxMessageSize() : 65_535;
    }

    @Override
    public boolean inUse() {
        return !channels.isEmpty();
    }

    private static String key(InetAddress address, int port) {
        return address.getHostAddress() + ":" + port;
    }
}
