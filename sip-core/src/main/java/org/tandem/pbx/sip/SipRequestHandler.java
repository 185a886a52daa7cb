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

    void handle(InboundRequest request);
}
