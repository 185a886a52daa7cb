package org.tandem.pbx.testsupport;

/** REGISTER, answer the 401 with digest credentials, return the final answer (what a phone does). */
public final class DigestRegistration {

    private DigestRegistration() {}

    /**
     * Sends {@code message} (CSeq as set), expects a 401, then sends it again with CSeq + 1 and an
     * Authorization for {@code algorithm} ("MD5" or "SHA-256").
     */
    public static SipText register(
            SipPeer peer, RegisterMessage message, String user, String password, String algorithm) {
        SipText challenge = peer.exchange(message.authorization(null).build());
        if (challenge.status() != 401) return challenge;
        return answer(peer, message, challenge, user, password, algorithm, 1);
    }

    /** Re-sends {@code message} with CSeq + 1 and credentials computed from {@code challenge}. */
    public static SipText answer(
            SipPeer peer,
            RegisterMessage message,
            SipText challenge,
            String user,
            String password,
            String algorithm,
            int nc) {
        var params = DigestAnswer.challenge(challenge, "WWW-Authenticate", algorithm);
        message.cseq(message.cseq() + 1)
                .authorization(DigestAnswer.authorization(
                        params,
                        algorithm,
                        user,
                        password,
                        "REGISTER",
                        message.requestUri(),
                        nc,
                        "c" + System.nanoTime()));
        return peer.exchange(message.build());
    }
}
