package org.tandem.media.ice;

/**
 * What {@link IceLiteResponder#check} made of one datagram.
 *
 * @param response  the bytes to send back to the datagram's source from the port it arrived on; null: send nothing
 * @param valid     the check was authenticated and answered with success (RFC 8445 §7.3.1.4): the source is a
 *                  working path to the peer
 * @param nominated valid and carrying USE-CANDIDATE (RFC 8445 §7.3.1.5): the controlling peer chose this path; an
 *                  ICE-lite agent then sends its media to this source
 * @param priority  the PRIORITY the peer gave the path (RFC 8445 §7.1.1), 0 when not valid
 */
public record ConnectivityCheck(byte[] response, boolean valid, boolean nominated, long priority) {

    static final ConnectivityCheck IGNORED = new ConnectivityCheck(null, false, false, 0);

    static ConnectivityCheck rejected(byte[] errorResponse) {
        return new ConnectivityCheck(errorResponse, false, false, 0);
    }
}
