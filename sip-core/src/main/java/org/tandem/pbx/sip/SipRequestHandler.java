package org.tandem.pbx.sip;

/**
 * A feature that serves some inbound requests (the registrar, the OPTIONS responder, the proxy...).
 * Handlers are asked in the order of their {@link #slot()} ({@link SipHandlerSlot} lists the whole chain);
 * the first that accepts gets the request. Both methods run on the request's Call-ID stripe and must not block.
 */
public interface SipRequestHandler {

    /** Where in the chain this handler is asked. */
    SipHandlerSlot slot();

    boolean accepts(InboundRequest request);

    /**
     * Whether {@link #accepts} could be true for a new INVITE with these facts. Asked by a {@link DatagramShortcut} that
     * answers such an INVITE as the proxy would (its 407), of every handler before the proxy
     * ({@link SipDispatcher#proxyServesNewInvite}): the default, true, keeps such INVITEs on the stack's path, so a
     * handler says false only when its {@code accepts} can never take one.
     */
    default boolean mayAcceptNewInvite(NewInvite invite) {
        return true;
    }

    void handle(InboundRequest request);
}
