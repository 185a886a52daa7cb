package org.tandem.pbx.auth.internal;

import javax.sip.header.AuthorizationHeader;

/**
 * The parameters of one Authorization / Proxy-Authorization header (RFC 7616 §3.4), as sent.
 * {@code nc} is kept as the raw 8 hex digits because the response is computed over that text.
 */
record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                         String algorithm, String qop, String nc, String cnonce) {

    static DigestCredentials of(AuthorizationHeader h) {
        return new DigestCredentials(h.getUsername(), h.getRealm(), h.getNonce(),
                h.getURI() == null ? null : h.getURI().toString(), h.getResponse(), h.getAlgorithm(),
                h.getQop(), h.getParameter("nc"), h.getCNonce());
    }

    boolean complete() {
        return username != null && nonce != null && uri != null && response != null && nc != null && cnonce != null;
    }
}
