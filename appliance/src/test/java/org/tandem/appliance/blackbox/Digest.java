package org.tandem.appliance.blackbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** RFC 2617/7616 digest responses (qop=auth), for hand-built requests in tests. */
public final class Digest {

    private Digest() {}

    static String response(
            String algorithm,
            String user,
            String realm,
            String password,
            String method,
            String uri,
            String nonce,
            String nc,
            String cnonce) {
        return responseFromHa1(
                algorithm, hash(algorithm, user + ":" + realm + ":" + password), method, uri, nonce, nc, cnonce);
    }

    /** RFC 7616 §3.4.1 from a stored HA1 (a client that was given the HA1, never the password). */
    static String responseFromHa1(
            String algorithm, String ha1, String method, String uri, String nonce, String nc, String cnonce) {
        String ha2 = hash(algorithm, method + ":" + uri);
        return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /** An Authorization header value answering {@code challenge} (a WWW-Authenticate value). */
    static String authorization(String challenge, String user, String password, String method, String uri) {
        var p = SipText.digestParams(challenge);
        String algorithm = p.getOrDefault("algorithm", "MD5");
        return authorizationFromHa1(
                challenge, user, hash(algorithm, user + ":" + p.get("realm") + ":" + password), method, uri);
    }

    /** An Authorization header value answering {@code challenge} with the HA1 of its algorithm and realm. */
    public static String authorizationFromHa1(String challenge, String user, String ha1, String method, String uri) {
        var p = SipText.digestParams(challenge);
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String nc = "00000001";
        String cnonce = "0a4f113b";
        String response = responseFromHa1(algorithm, ha1, method, uri, p.get("nonce"), nc, cnonce);
        return "Digest username=\"" + user + "\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"";
    }

    private static String hash(String algorithm, String s) {
        String jca = switch (algorithm.toUpperCase()) {
            case "SHA-256" -> "SHA-256";
            case "SHA-512-256" -> "SHA-512/256";
            default -> "MD5";
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
