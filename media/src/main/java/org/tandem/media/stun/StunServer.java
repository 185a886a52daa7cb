package org.tandem.media.stun;

import java.net.InetSocketAddress;

/**
 * The appliance's STUN server (RFC 5389): answers every Binding request on UDP {@code tandem.stun.port} with the
 * address and port it came from (XOR-MAPPED-ADDRESS, and MAPPED-ADDRESS for RFC 3489 clients), so phones and browsers
 * can name the appliance as their STUN server. Not a TURN server. Bean from {@link StunConfiguration}, started with
 * the application and closed with it.
 */
public interface StunServer extends AutoCloseable {

    /** Where it listens, or null when it is off ({@code tandem.stun.port=0}) or could not bind its port. */
    InetSocketAddress localAddress();

    /** Binding requests answered (success or error) since start. */
    long answered();

    /** Requests dropped because their source IP exceeded {@code tandem.stun.rate-per-source}. */
    long rateLimited();

    /** Stops answering and frees the port. Idempotent. */
    @Override
    void close();
}
