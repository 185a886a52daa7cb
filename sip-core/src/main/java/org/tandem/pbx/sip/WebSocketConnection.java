package org.tandem.pbx.sip;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One SIP WebSocket connection (RFC 7118) as the web server holds it: the SIP stack sends through it. The web server
 * did the HTTP upgrade (subprotocol {@code sip}, RFC 7118 §4) and hands the connection to
 * {@link SipTransports#openWebSocketFlow}; implementations must accept sends from any thread.
 */
public interface WebSocketConnection {

    /** The client's address and port as the TCP connection came from it. */
    InetSocketAddress remote();

    /** True for {@code wss:} (WebSocket over TLS, SIP transport {@code WSS}), false for plain {@code ws:}. */
    boolean secure();

    /** One SIP message as one text message (RFC 7118 §5.1: text when it is valid UTF-8). */
    void sendText(String message) throws IOException;

    /** One SIP message as one binary message (RFC 7118 §5.1: a body that is not UTF-8). */
    void sendBinary(byte[] message) throws IOException;

    /** A WebSocket ping (RFC 6455 §5.5.2): the keepalive of a WebSocket flow, in place of RFC 5626's CRLF. */
    void ping() throws IOException;

    /** Closes the connection (RFC 6455 close frame), {@code reason} for the peer and the log. */
    void close(String reason);
}
