package org.tandem.pbx.testsupport;

/** What {@link DigestRegistration} needs of a peer, whatever its transport. */
public interface SipPeer extends AutoCloseable {

    int localPort();

    /** Sends a message as it is. */
    void send(String message);

    /** The next message within {@code timeout}, or empty. */
    java.util.Optional<SipText> receive(java.time.Duration timeout);

    /** Sends a request and returns its first final response. */
    SipText exchange(String request);

    @Override
    void close();
}
