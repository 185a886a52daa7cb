package org.tandem.appliance.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An emulated phone fetching provisioning files: HTTP/1.1 GET from a chosen 127.x.y.z source address
 * (so each test is its own "phone" for bans and scan counting), with the phone's User-Agent and, if
 * given, its HTTP Basic credentials.
 */
public final class PhoneHttp {

    /** {@code headers}: the last value of each (lower-case) name; {@code headerLines}: every header line as sent. */
    public record Response(int status, Map<String, String> headers, byte[] bytes, java.util.List<String> headerLines) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** Every value of a header that may repeat (e.g. one WWW-Authenticate per scheme, RFC 7235 §4.1). */
        public java.util.List<String> all(String name) {
            return headerLines.stream()
                    .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(l -> l.substring(name.length() + 1).strip())
                    .toList();
        }
    }

    private final String source;
    private final int port;
    private final String userAgent;

    public PhoneHttp(String source, int port, String userAgent) {
        this.source = source;
        this.port = port;
        this.userAgent = userAgent;
    }

    public Response get(String path) {
        return get(path, null, null);
    }

    public Response get(String path, String user, String password) {
        String authorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return getAuthorized(path, authorization);
    }

    /** GET with this {@code Authorization} header value (null: none). */
    public Response getAuthorized(String path, String authorization) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            if (userAgent != null) req.append("User-Agent: ").append(userAgent).append("\r\n");
            if (authorization != null)
                req.append("Authorization: ").append(authorization).append("\r\n");
            req.append("Connection: close\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] all = s.getInputStream().readAllBytes();
            return parse(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(byte[] all) {
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) throw new IllegalStateException("no HTTP header end in " + all.length + " bytes");
        String[] head = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(
                    head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    head[i].substring(colon + 1).strip());
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) rest = dechunk(rest);
        return new Response(status, headers, rest, java.util.List.of(head).subList(1, head.length));
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < in.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(in, pos, in.length), "\r\n".getBytes()) + pos;
            int size = Integer.parseInt(
                    new String(in, pos, lineEnd - pos, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            if (size == 0) break;
            out.write(in, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
            return i;
        }
        return -1;
    }
}
