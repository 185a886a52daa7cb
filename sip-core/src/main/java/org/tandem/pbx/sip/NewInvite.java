package org.tandem.pbx.sip;

/**
 * What a {@link DatagramShortcut} knows of a new INVITE (no To tag, no Route, only common headers) before any stack
 * parses it: enough for the handlers before the proxy to say whether they could take it
 * ({@link SipRequestHandler#mayAcceptNewInvite}).
 *
 * @param requestUriUser the Request-URI's user part
 * @param fromHost       the host of the From URI
 */
public record NewInvite(String sourceAddress, int sourcePort, String requestUriUser, String fromHost) {}
