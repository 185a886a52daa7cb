package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import java.net.InetAddress;

/** One admitted inbound SIP TCP/TLS connection, as {@link ConnectionLimits} counts it. */
final class ConnectionSlot {

    private final ConnectionLimits limits;
    private final InetAddress source;
    private final String transport;
    private final long acceptedAt;
    private volatile ConnectionOrientedMessageChannel channel;
    private volatile boolean sawMessage;

    ConnectionSlot(ConnectionLimits limits, InetAddress source, String transport, long acceptedAt) {
        this.limits = limits;
        this.source = source;
        this.transport = transport;
        this.acceptedAt = acceptedAt;
    }

    InetAddress source() {
        return source;
    }

    String transport() {
        return transport;
    }

    long acceptedAt() {
        return acceptedAt;
    }

    ConnectionOrientedMessageChannel channel() {
        return channel;
    }

    void attach(ConnectionOrientedMessageChannel channel) {
        this.channel = channel;
    }

    boolean sawMessage() {
        return sawMessage;
    }

    /** The connection delivered a SIP message that parsed: the first-message deadline no longer applies. */
    void messageSeen() {
        sawMessage = true;
    }

    /** The connection closed; idempotent. */
    void release() {
        limits.release(this);
    }
}
