package org.tandem.pbx.sip;

/**
 * Where the web server takes SIP over WebSocket (RFC 7118), provided by the appliance: {@code ws:} on the plain HTTP
 * port ({@code server.port}, loopback clients only) and {@code wss:} on the HTTPS port ({@code tandem.https-port}),
 * both at path {@code /ws}. The SIP stack does not listen on them itself: they name its WS and WSS transports in the
 * Via and Record-Route headers it writes (RFC 7118 §5.3), and tell our own URIs apart (RFC 3261 §16.4).
 *
 * @param ws  plain WebSocket port; 0 = none
 * @param wss secure WebSocket port; 0 = none (HTTPS off)
 */
public record SipWebSocketPorts(int ws, int wss) {

    /** The SIP transport names of RFC 7118 §5.2 (Via {@code SIP/2.0/WS}, URI {@code transport=ws}). */
    public static final String WS = "WS";

    public static final String WSS = "WSS";

    public static final SipWebSocketPorts NONE = new SipWebSocketPorts(0, 0);

    public SipWebSocketPorts {
        if (ws < 0 || ws > 65535 || wss < 0 || wss > 65535) {
            throw new IllegalArgumentException(
                    "WebSocket ports must be 0 (none) or 1..65535, not ws=" + ws + ", wss=" + wss);
        }
    }
}
