package org.tandem.pbx.sip;

/**
 * The SIP handler chain, in the one place a reader finds it: an inbound request (after {@link RequestSanity}) is
 * offered to the handlers in this order and the first that accepts it serves it. Each {@link SipRequestHandler} names
 * its slot; the dispatcher sorts by it and refuses two handlers in one slot.
 *
 * <p>The order matters only where two handlers could both accept a request; the reasons are given per slot.
 */
public enum SipHandlerSlot {

    /** OPTIONS to the server itself ({@code sip:domain}, no user part): answered here (RFC 3261 §11.2). */
    SERVER_OPTIONS,

    /** REGISTER, all of them (RFC 3261 §10.3): before the proxy, which refuses REGISTER. */
    REGISTRAR,

    /**
     * SUBSCRIBE to {@code message-summary} (RFC 3842) for a local mailbox: before the other event packages, as the
     * phones' MWI subscriptions must never reach the proxy (phones do not serve them).
     */
    MESSAGE_WAITING,

    /** SUBSCRIBE to the packages Tandem serves as notifier: dialog (RFC 4235), presence (RFC 3856), winfo (RFC 3857). */
    EVENT_SUBSCRIPTIONS,

    /**
     * SUBSCRIBE to a local user or number for a package none of the above serves: 489 Bad Event with Allow-Events
     * (RFC 6665 §7.3.2), as Tandem is the notifier for its domain's resources; before the proxy, which would hand
     * it to the user's phones.
     */
    UNSERVED_EVENTS,

    /** PUBLISH of {@code vq-rtcpxr} call quality reports (RFC 6035) to the server. */
    QUALITY_REPORTS,

    /** PUBLISH of presence (RFC 3903, RFC 3856 §6) to a local user's address of record. */
    PRESENCE_PUBLICATIONS,

    /** MESSAGE (RFC 3428) to a local user who is offline: stored, delivered when the user registers. */
    STORED_MESSAGES,

    /**
     * In-dialog requests of dialogs Tandem's own user agent holds (media services, click-to-call, transfers): they
     * belong to that dialog's listener, not to the proxy.
     */
    LOCAL_DIALOGS,

    /** Requests from or for a trunk (a provider's INVITE, a call routed out): before the proxy, which serves locals only. */
    TRUNKS,

    /** Everything else but REGISTER: the stateful proxy (RFC 3261 §16), always last. */
    PROXY
}
