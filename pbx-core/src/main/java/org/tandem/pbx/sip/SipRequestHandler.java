package org.tandem.pbx.sip;

/**
 * A feature that serves some inbound requests (the registrar, the OPTIONS responder, the proxy...).
 * Handlers are asked in {@link org.springframework.core.annotation.Order} order; the first that
 * accepts gets the request. Both methods run on the request's Call-ID stripe and must not block.
 */
public interface SipRequestHandler {

    boolean accepts(InboundRequest request);

    void handle(InboundRequest request);
}
