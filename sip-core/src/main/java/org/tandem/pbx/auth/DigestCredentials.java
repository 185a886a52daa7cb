package org.tandem.pbx.auth;

/**
 * The parameters of one digest answer (RFC 7616 §3.4), as sent: a SIP Authorization / Proxy-Authorization header
 * (RFC 3261 §22.4) or an HTTP Authorization header. {@code nc} is kept as the raw 8 hex digits because the
 * response is computed over that text. Any field may be null when the client left it out.
 */
public record DigestCredentials(
        String username,
        String realm,
        String nonce,
        String uri,
        String response,
        String algorithm,
        String qop,
        String nc,
        String cnonce) {

    /** Every field the answer to a {@code qop=auth} challenge must carry (RFC 7616 §3.4) is there. */
    public boolean complete() {
        return username != null && nonce != null && uri != null && response != null && nc != null && cnonce != null;
    }
}
