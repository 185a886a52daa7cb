package org.tandem.pbx.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client side of digest (RFC 7616 §3.4), written independently of the server's code: parses a
 * challenge and computes the Authorization header a phone would send.
 */
public final class DigestAnswer {

    private static final Pattern PARAM = Pattern.compile("([a-zA-Z-]+)=(\"([^\"]*)\"|[^,\\s]+)");

    private DigestAnswer() {}

    public static Map<String, String> params(String challenge) {
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge.replaceFirst("^Digest\\s+", ""));
        while (m.find()) p.put(m.group(1).toLowerCase(), m.group(3) != null ? m.group(3) : m.group(2));
        return p;
    }

    /** The challenge offering {@code algorithm} among the response's WWW-Authenticate/Proxy-Authenticate. */
    public static Map<String, String> challenge(SipText response, String headerName, String algorithm) {
        for (String h : response.headers(headerName)) {
            Map<String, String> p = params(h);
            if (algorithm.equalsIgnoreCase(p.get("algorithm"))) return p;
        }
        throw new AssertionError("No " + algorithm + " challenge in\n" + response);
    }

    public static String authorization(
            Map<String, String> challenge,
            String algorithm,
            String user,
            String password,
            String method,
            String uri,
            int nc,
            String cnonce) {
        String jca = algorithm.equalsIgnoreCase("MD5") ? "MD5" : "SHA-256";
        String realm = challenge.get("realm");
        String nonce = challenge.get("nonce");
        String ncHex = String.format("%08x", nc);
        String ha1 = h(jca, user + ":" + realm + ":" + password);
        String ha2 = h(jca, method + ":" + uri);
        String response = h(jca, ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + algorithm + ", cnonce=\"" + cnonce
                + "\", qop=auth, nc=" + ncHex;
    }

    public static String h(String jca, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
