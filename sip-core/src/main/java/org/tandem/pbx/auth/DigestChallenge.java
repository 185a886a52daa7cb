package org.tandem.pbx.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A digest challenge (RFC 3261 §22.2, §22.3; RFC 7616 §3.3; RFC 8760 §2.4): one header per algorithm offered, in order
 * of preference, all with the same nonce so that the nonce count is kept whichever the client picks, and qop="auth".
 * The one model behind the challenges the stack's messages carry and those a {@code DatagramShortcut} writes.
 *
 * @param stale RFC 7616 §3.3: the credentials were right but the nonce is not (expired, from before a restart): the
 *              client retries with the new one without asking its user
 */
public record DigestChallenge(String realm, String nonce, List<DigestAlgorithm> algorithms, boolean stale) {

    public DigestChallenge {
        algorithms = List.copyOf(algorithms);
    }

    /**
     * The WWW-Authenticate (or Proxy-Authenticate) value offering {@code algorithm}, written as the stack writes it:
     * {@code Digest realm="...",nonce="...",algorithm=MD5,qop="auth"}.
     */
    public String headerValue(DigestAlgorithm algorithm) {
        return "Digest realm=\"" + realm + "\",nonce=\"" + nonce + "\",algorithm=" + algorithm.token() + ",qop=\"auth\""
                + (stale ? ",stale=true" : "");
    }

    /**
     * The challenge as header lines (without their CRLF) of {@code headerName}, WWW-Authenticate (401) or
     * Proxy-Authenticate (407): one per algorithm offered, in order, as the stack's message carries them.
     */
    public List<String> headerLines(String headerName) {
        List<String> lines = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm alg : algorithms) lines.add(headerName + ": " + headerValue(alg));
        return lines;
    }
}
