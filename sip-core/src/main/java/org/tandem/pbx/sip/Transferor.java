package org.tandem.pbx.sip;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Who sent a REFER (RFC 3515) that a part of this process carries out by placing a call on their behalf
 * (the trunk gateway transferring its caller). The proxy stamps every REFER it forwards inside a dialog
 * with the local user on the sending side of that dialog, or with nobody; a media service stamps the
 * REFERs it sends itself (its targets are the admin's configuration). Carried in {@value #HEADER},
 * signed over the Call-ID with {@link LoopbackSignatures} and bound to the REFER's
 * From tag, so that the other party of the dialog cannot replay it. A REFER without a valid stamp was
 * sent by nobody this appliance knows: the call it asks for may not leave the PBX (issue 22; Asterisk's
 * security guidance: a transfer runs in the transferor's context, never in a more privileged one).
 *
 * @param extension the local user who sent the REFER, or null
 * @param service   the media service that sent it (e.g. {@code ivr-main}, {@code park}), or null
 * @param fromTag   the REFER's From tag
 */
public record Transferor(String extension, String service, String fromTag) {

    public static final String HEADER = "X-Tandem-Transferor";

    public static Transferor user(String extension, String fromTag) {
        return new Transferor(extension, null, fromTag);
    }

    public static Transferor service(String service, String fromTag) {
        return new Transferor(null, service, fromTag);
    }

    /** Someone who is not a local user (an outside party of the dialog, or a dialog the proxy does not know). */
    public static Transferor nobody(String fromTag) {
        return new Transferor(null, null, fromTag);
    }

    /** The unsigned header value: {@code ext=..;svc=..;tag=..}, each URL-encoded. */
    public String encode() {
        StringJoiner j = new StringJoiner(";");
        put(j, "ext", extension);
        put(j, "svc", service);
        put(j, "tag", fromTag);
        return j.toString();
    }

    /** Parses an unsigned header value (after the signature was checked). */
    public static Optional<Transferor> decode(String value) {
        if (value == null) return Optional.empty();
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(
                        part.substring(0, eq).strip(),
                        URLDecoder.decode(part.substring(eq + 1).strip(), StandardCharsets.UTF_8));
            }
        }
        return Optional.of(new Transferor(f.get("ext"), f.get("svc"), f.get("tag")));
    }

    private static void put(StringJoiner j, String name, String value) {
        if (value != null) j.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
