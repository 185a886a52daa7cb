package org.tandem.pbx.sip;

/**
 * The SIP side of one WebSocket connection (RFC 7118): the web server hands it every message the client sent, each
 * one complete SIP message (RFC 7118 §5.1, no framing of our own), and tells it when the connection closed. Requests
 * to the client go back on the same connection: a WebSocket client cannot be connected to (RFC 7118 §5.2, its
 * Contact host is a {@code .invalid} name), like an RFC 5626 outbound flow.
 */
public interface WebSocketFlow {

    /** A text message: one SIP request or response. */
    void received(String message);

    /** A binary message: one SIP request or response. */
    void received(byte[] message);

    /** The connection closed (either side); requests routed to this flow get 430 Flow Failed from now on. */
    void closed();
}
