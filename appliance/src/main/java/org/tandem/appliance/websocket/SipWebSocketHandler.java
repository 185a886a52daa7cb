package org.tandem.appliance.websocket;

import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.sip.WebSocketConnection;
import org.tandem.pbx.sip.WebSocketFlow;

/**
 * {@code /ws}: each WebSocket connection the gate let through (subprotocol {@code sip}, RFC 7118 §4) becomes a SIP
 * flow of the stack's WS or WSS transport ({@link SipTransports#openWebSocketFlow}); every WebSocket message is one
 * SIP message (RFC 7118 §5.1) handed to it whole. The stack sends through a {@link ConcurrentWebSocketSessionDecorator}
 * (SIP threads send concurrently; a client that does not read is cut off, not waited for).
 */
final class SipWebSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SipWebSocketHandler.class);
    private static final String FLOW = SipWebSocketHandler.class.getName() + ".flow";
    /** set at the handshake: whether it came over HTTPS (then the flow is WSS) */
    static final String SECURE = SipWebSocketHandler.class.getName() + ".secure";
    /** a send that cannot be written this long closes the connection instead of holding a SIP thread */
    private static final int SEND_TIME_LIMIT_MS = 5_000;

    private static final int SEND_BUFFER_LIMIT = 512 * 1024;
    /** Tomcat's own limit for a blocking send (its default is 20 s) */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final SipTransports transports;

    SipWebSocketHandler(SipTransports transports) {
        this.transports = transports;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        // a WebRTC INVITE's SDP easily passes the container's 8 KiB default; the SIP stack's limit applies instead
        int max = transports.properties().maxMessageSize();
        session.setTextMessageSizeLimit(max);
        session.setBinaryMessageSizeLimit(max);
        if (session instanceof NativeWebSocketSession n && n.getNativeSession() instanceof Session s) {
            s.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, (long) SEND_TIME_LIMIT_MS);
        }
        InetSocketAddress remote = session.getRemoteAddress();
        boolean secure = Boolean.TRUE.equals(session.getAttributes().get(SECURE));
        Optional<WebSocketFlow> flow = remote == null
                ? Optional.empty()
                : transports.openWebSocketFlow(new Connection(session, remote, secure));
        if (flow.isEmpty()) {
            // RFC 6455 §7.4.1: 1013 Try Again Later (connection limits, logged by them) or SIP over WebSocket off
            session.close(new CloseStatus(1013, "SIP connection refused"));
            return;
        }
        session.getAttributes().put(FLOW, flow.get());
        log.debug("SIP {} connection from {}", secure ? "WSS" : "WS", remote);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        WebSocketFlow flow = flow(session);
        if (flow != null) flow.received(message.getPayload());
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        WebSocketFlow flow = flow(session);
        if (flow == null) return;
        ByteBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        flow.received(bytes);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("SIP WebSocket connection from {}: {}", session.getRemoteAddress(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        WebSocketFlow flow = (WebSocketFlow) session.getAttributes().remove(FLOW);
        if (flow != null) flow.closed();
    }

    private static WebSocketFlow flow(WebSocketSession session) {
        return (WebSocketFlow) session.getAttributes().get(FLOW);
    }

    /** The session as the SIP stack sends through it. */
    private static final class Connection implements WebSocketConnection {

        private final WebSocketSession session;
        private final InetSocketAddress remote;
        private final boolean secure;

        Connection(WebSocketSession session, InetSocketAddress remote, boolean secure) {
            this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT);
            this.remote = remote;
            this.secure = secure;
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public boolean secure() {
            return secure;
        }

        @Override
        public void sendText(String message) throws IOException {
            session.sendMessage(new TextMessage(message));
        }

        @Override
        public void sendBinary(byte[] message) throws IOException {
            session.sendMessage(new BinaryMessage(message));
        }

        @Override
        public void ping() throws IOException {
            session.sendMessage(new PingMessage());
        }

        @Override
        public void close(String reason) {
            try {
                session.close(CloseStatus.NORMAL.withReason(reason));
            } catch (IOException e) {
                log.debug("Closing SIP WebSocket connection from {}: {}", remote, e.toString());
            }
        }
    }
}
