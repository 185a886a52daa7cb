package org.tandem.pbx.presence.internal;

/**
 * An event package Tandem is the notifier of (RFC 6665 §7): what its SUBSCRIBEs may watch and what its NOTIFYs say.
 * The subscription machinery ({@link SubscribeHandler}, {@link Subscriptions}) is one for all packages.
 */
interface EventPackage {

    /** The Event header's package name, e.g. {@code dialog}. */
    String event();

    /** The one body type of its NOTIFYs (RFC 6665 §4.1.3: what an Accept header must allow), e.g. {@code application/pidf+xml}. */
    String contentType();

    /** Whether {@code resource} (the Request-URI's user part) exists to be watched; otherwise 404. */
    boolean watchable(String resource);

    /** The document of the resource's whole state, for the NOTIFY at start, refresh, fetch and end; on the stripe. */
    String fullState(Subscription s);

    /**
     * Whether {@code subscriber} (a local user, authenticated) may watch {@code resource} (RFC 6665 §4.2.1.2: the
     * notifier's authorization policy): by default any local user may.
     */
    default Admission admit(String subscriber, String resource) {
        return Admission.ACTIVE;
    }

    /**
     * Takes what a new SUBSCRIBE's body asks for (RFC 6665 §7.2.3 lets a package define the body, e.g. RFC 5875's list
     * of documents) into {@code s}, before the 200; by default a package has no body and ignores any.
     *
     * @throws IllegalArgumentException when the body is not what the package takes (answered 400 with its message)
     */
    default void subscribing(Subscription s, String contentType, byte[] body) {}

    /** The outcome of authorization (RFC 6665 §4.1.3's subscription states; RFC 5025 §3.2.1's sub-handling). */
    enum Admission {
        /** Told the state. */
        ACTIVE,
        /** Accepted, told nothing until the resource's owner decides (Subscription-State: pending). */
        PENDING,
        /** Refused: 403 to a new subscription, terminated;reason=rejected for a running one. */
        REJECTED
    }
}
